import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import type { CreditGrant } from './credit-grants.js';
import { customerUnitGrants, openGrants, spendableAt } from './open-grants.js';
import { creditGrants, creditThresholds } from './schema.js';

export interface UnitBalance {
  unit: string;
  /** Everything spendable now. */
  balance: bigint;
  /** Of which the subscription's period credits (spent first). */
  subscription: bigint;
  /** Of which packs, rewards and other credits (spent after, oldest first). */
  other: bigint;
  lowBalanceThreshold: bigint | null;
  /** The spendable grants in spending order, with what is left of each. */
  grants: { grant: CreditGrant; left: bigint }[];
}

/** What a customer can spend in one unit at `at`. */
export async function unitBalance(db: DbOrTx, customerId: string, unit: string, at: Date): Promise<bigint> {
  const held = await customerUnitGrants(db, customerId, unit, { lock: false });
  return held.filter((item) => spendableAt(item.grant, at)).reduce((sum, item) => sum + item.left, 0n);
}

/** A customer's credits in every unit they have held or watch, at `at` (their time). */
export async function creditBalances(db: DbOrTx, customerId: string, at: Date): Promise<UnitBalance[]> {
  const held = (await openGrants(db, eq(creditGrants.customerId, customerId), { lock: false })).filter(
    (item) => item.left > 0n && spendableAt(item.grant, at),
  );
  const thresholds = await db
    .select()
    .from(creditThresholds)
    .where(eq(creditThresholds.customerId, customerId));
  // Every unit the customer ever held, so a balance spent down to zero still shows as zero.
  const everHeld = await db
    .selectDistinct({ unit: creditGrants.unit })
    .from(creditGrants)
    .where(eq(creditGrants.customerId, customerId));
  const units = [
    ...new Set([...everHeld.map((row) => row.unit), ...thresholds.map((row) => row.unit)]),
  ].sort();
  return units.map((unit) => {
    const grants = held.filter((item) => item.grant.unit === unit);
    const sum = (tier: number) =>
      grants.filter((item) => item.grant.spendTier === tier).reduce((total, item) => total + item.left, 0n);
    const subscription = sum(0);
    const other = sum(1);
    return {
      unit,
      balance: subscription + other,
      subscription,
      other,
      lowBalanceThreshold: thresholds.find((row) => row.unit === unit)?.threshold ?? null,
      grants,
    };
  });
}
