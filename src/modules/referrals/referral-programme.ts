import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { ReferralProgramme } from './referral-types.js';
import { referralProgrammes } from './schema.js';
import { defaultTiers } from './tiers.js';

/** The programme until staff first save it: off, bonus days by Casharr's table. */
const defaultProgramme: ReferralProgramme = {
  enabled: false,
  rewardKind: 'bonus_days',
  rewardUnit: null,
  tiers: defaultTiers,
  updatedAt: null,
};

/** The operator's referral programme (the defaults until it is first saved). */
export async function getReferralProgramme(db: DbOrTx): Promise<ReferralProgramme> {
  const [row] = await db.select().from(referralProgrammes).where(eq(referralProgrammes.id, 1));
  if (!row) return defaultProgramme;
  const { enabled, rewardKind, rewardUnit, tiers, updatedAt } = row;
  return { enabled, rewardKind, rewardUnit, tiers, updatedAt };
}
