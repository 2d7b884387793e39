import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { customerBalances } from '../ledger/index.js';
import type { CreditGrant } from './credit-grants.js';
import { creditGrants } from './schema.js';

/** An open grant with what is left of it. */
export interface HeldGrant {
  grant: CreditGrant;
  left: bigint;
}

/** Whether a grant can still be spent at `at` (it has not passed its expiry). */
export function spendableAt(grant: Pick<CreditGrant, 'expiresAt'>, at: Date): boolean {
  return grant.expiresAt === null || grant.expiresAt > at;
}

/**
 * Open grants matching `where`, in spending order, each with what is left of it. With `lock` their
 * ledger accounts are locked (in the ledger's order), so what is read stays true until commit.
 */
export async function openGrants(
  tx: DbOrTx,
  where: SQL | undefined,
  options: { lock: boolean },
): Promise<HeldGrant[]> {
  const grants = await tx
    .select()
    .from(creditGrants)
    .where(and(isNull(creditGrants.closedAt), where))
    .orderBy(asc(creditGrants.spendTier), asc(creditGrants.grantedAt), asc(creditGrants.id));
  const left = await customerBalances(
    tx,
    grants.map((grant) => grant.accountKey),
    options,
  );
  return grants.map((grant) => ({ grant, left: left.get(grant.accountKey) ?? 0n }));
}

/** The open grants of one customer in one unit. */
export function customerUnitGrants(tx: DbOrTx, customerId: string, unit: string, options: { lock: boolean }) {
  return openGrants(tx, and(eq(creditGrants.customerId, customerId), eq(creditGrants.unit, unit)), options);
}

/** Marks grants as having nothing left to spend, so spending no longer reads them. */
export async function closeGrants(tx: DbOrTx, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(creditGrants)
    .set({ closedAt: at })
    .where(inArray(creditGrants.id, [...ids]));
}
