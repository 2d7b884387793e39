import { sql } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { operatorAccountKey } from '../ledger/index.js';

export interface SpendInput {
  customerId: string;
  unit: string;
  amount: bigint;
  description: string;
  /** The customer's "now": grants past their expiry are not spent even if not yet closed. */
  at: Date;
  /** Usage (the default), or staff taking credits back. */
  reason?: 'consumed' | 'deducted';
}

/**
 * Spends credits — a subscription's period credits first, then the rest (packs, rewards) oldest
 * first — and answers what is left to spend in the unit. One statement does it all (the database
 * function credits_spend: locks, entry, balances, closed grants, the low-balance threshold), so it
 * is atomic on its own and costs one round trip; inside a transaction it is part of it. A spend the
 * balance does not cover is refused with `insufficient_credits` and spends nothing.
 */
export async function spendCredits(db: DbOrTx, clock: Clock, input: SpendInput): Promise<bigint> {
  const reason = input.reason ?? 'consumed';
  const { rows } = await db.execute<{ spent: boolean; balance: string }>(sql`
    SELECT spent, balance::text AS balance FROM credits_spend(
      ${input.customerId}::uuid, ${input.unit}, ${input.amount.toString()}::bigint,
      ${input.at.toISOString()}::timestamptz, ${clock.now().toISOString()}::timestamptz,
      ${`credits.${reason}`}, ${input.description}, ${operatorAccountKey(`credits_${reason}`, input.unit)})`);
  const row = rows[0];
  if (!row) throw new Error('credits_spend answered nothing');
  if (!row.spent) {
    throw new AppError(
      'insufficient_credits',
      `Only ${row.balance} ${input.unit} are available; ${input.amount} were asked for. Nothing was consumed.`,
      { fields: { amount: `is more than the ${row.balance} ${input.unit} available` } },
    );
  }
  return BigInt(row.balance);
}
