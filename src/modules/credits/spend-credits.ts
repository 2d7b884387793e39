import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { operatorAccountKey, postEntry } from '../ledger/index.js';
import { closeGrants, customerUnitGrants, spendableAt } from './open-grants.js';

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

export interface Spent {
  /** What is left to spend in this unit after the spend. */
  balance: bigint;
  /** How much came from each grant, in spending order. */
  from: { grantId: string; amount: bigint }[];
}

/**
 * Spends credits in the caller's transaction: a subscription's period credits first, then the rest
 * (packs, rewards) oldest first. The grants' accounts are locked before anything is read, so two
 * spends on one customer run one after the other and the second sees the first's result; a spend the
 * spendable balance does not cover is refused with `insufficient_credits` and spends nothing.
 */
export async function spendCredits(tx: DbOrTx, clock: Clock, input: SpendInput): Promise<Spent> {
  const held = (await customerUnitGrants(tx, input.customerId, input.unit, { lock: true })).filter(
    (item) => item.left > 0n && spendableAt(item.grant, input.at),
  );
  const available = held.reduce((sum, item) => sum + item.left, 0n);
  if (available < input.amount) {
    throw new AppError(
      'insufficient_credits',
      `Only ${available} ${input.unit} are available; ${input.amount} were asked for. Nothing was consumed.`,
      { fields: { amount: `is more than the ${available} ${input.unit} available` } },
    );
  }
  const from: Spent['from'] = [];
  let wanted = input.amount;
  for (const item of held) {
    if (wanted === 0n) break;
    const take = item.left < wanted ? item.left : wanted;
    from.push({ grantId: item.grant.id, amount: take });
    wanted -= take;
  }
  const accountOf = new Map(held.map((item) => [item.grant.id, item.grant.accountKey]));
  await postEntry(tx, clock, {
    kind: `credits.${input.reason ?? 'consumed'}`,
    description: input.description,
    occurredAt: input.at,
    lines: [
      ...from.map((part) => ({
        accountKey: accountOf.get(part.grantId)!,
        amount: -part.amount,
        unit: input.unit,
      })),
      {
        accountKey: operatorAccountKey(`credits_${input.reason ?? 'consumed'}`, input.unit),
        amount: input.amount,
        unit: input.unit,
      },
    ],
  });
  const emptied = held
    .filter((item) => from.some((part) => part.grantId === item.grant.id && part.amount === item.left))
    .map((item) => item.grant.id);
  await closeGrants(tx, emptied, input.at);
  return { balance: available - input.amount, from };
}
