import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { unitBalance } from './credit-balance.js';

/**
 * Tells the customer's threshold for `unit` (if one is set) the balance after a change: crossing
 * below it records one `credits.low_balance` event, rising back to it re-arms it. The database
 * function credits_note_balance does it, the same one every spend calls.
 */
export async function noteBalance(
  tx: DbOrTx,
  input: { customerId: string; unit: string; balance: bigint; at: Date },
): Promise<void> {
  await tx.execute(sql`SELECT credits_note_balance(
    ${input.customerId}::uuid, ${input.unit}, ${input.balance.toString()}::bigint,
    ${input.at.toISOString()}::timestamptz)`);
}

/** Re-reads what the customer can spend in `unit` at `at` and tells the threshold (after credits come or go). */
export async function recheckBalance(
  tx: DbOrTx,
  input: { customerId: string; unit: string; at: Date },
): Promise<bigint> {
  const balance = await unitBalance(tx, input.customerId, input.unit, input.at);
  await noteBalance(tx, { ...input, balance });
  return balance;
}
