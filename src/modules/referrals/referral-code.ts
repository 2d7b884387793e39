import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { findCustomers } from '../customers/index.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { normalizeReferralCode, randomReferralCode } from './code-alphabet.js';
import type { ReferralCode } from './referral-types.js';
import { referralCodes } from './schema.js';

/**
 * The customer's referral code, made on first use. Two first uses at once insert one row (the
 * primary key decides) and both read it; a code already taken by someone else is drawn again.
 */
export async function referralCodeOf(db: DbOrTx, clock: Clock, customerId: string): Promise<ReferralCode> {
  const existing = await codeRow(db, customerId);
  if (existing) return existing;
  const customer = (await findCustomers(db, [customerId])).get(customerId);
  if (!customer) throw new AppError('not_found', 'No such customer.');
  for (;;) {
    const [made] = await db
      .insert(referralCodes)
      .values({ customerId, code: randomReferralCode(), createdAt: clock.now() })
      .onConflictDoNothing()
      .returning();
    if (made) return made;
    const raced = await codeRow(db, customerId);
    if (raced) return raced;
  }
}

async function codeRow(db: DbOrTx, customerId: string): Promise<ReferralCode | undefined> {
  const [row] = await db.select().from(referralCodes).where(eq(referralCodes.customerId, customerId));
  return row;
}

/** Who owns a code as someone typed it, if anyone. */
export async function findCodeOwner(db: DbOrTx, typed: string): Promise<ReferralCode | undefined> {
  const [row] = await db
    .select()
    .from(referralCodes)
    .where(eq(referralCodes.code, normalizeReferralCode(typed)));
  return row;
}

/** The public link that carries a code. */
export function referralLink(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/r/${code}`;
}
