import { and, eq, inArray } from 'drizzle-orm';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { recordGrant } from './credit-grants.js';
import { drainGrants } from './drain-grants.js';
import { openGrants, type HeldGrant } from './open-grants.js';
import { creditGrants } from './schema.js';

/** A subscription's credits at a step (the subscriptions module works these out with the step). */
export interface PeriodCreditsChange {
  customerId: string;
  testClockId: string | null;
  subscriptionId: string;
  at: Date;
  unit: string;
  /** Credits granted, spendable until `expiresAt`. */
  grant: bigint;
  expiresAt: Date;
  /** What becomes of the subscription's unspent period credits first. */
  unspent: { kind: 'rollover'; cap: bigint } | { kind: 'forfeit' } | { kind: 'carry' };
}

/** Takes `amount` from held grants in spending order: the accounts to debit, and what stays in each. */
function takeInOrder(held: readonly HeldGrant[], amount: bigint) {
  let wanted = amount;
  const taken: { accountKey: string; amount: bigint }[] = [];
  const rest = held.map((item) => {
    const take = item.left < wanted ? item.left : wanted;
    wanted -= take;
    if (take > 0n) taken.push({ accountKey: item.grant.accountKey, amount: take });
    return { ...item, left: item.left - take };
  });
  return { taken, rest };
}

/** Deals with one unit's unspent period credits of a subscription, as the change says. */
async function settleUnspent(
  tx: DbOrTx,
  clock: Clock,
  change: PeriodCreditsChange,
  held: HeldGrant[],
): Promise<void> {
  const unit = held[0]!.grant.unit;
  const total = held.reduce((sum, item) => sum + item.left, 0n);
  const ref = `subscription:${change.subscriptionId}:${unit}:${change.at.toISOString()}`;
  const { unspent } = change;
  const moved =
    unspent.kind === 'forfeit' ? 0n : unspent.kind === 'carry' || total < unspent.cap ? total : unspent.cap;
  let rest = held;
  if (moved > 0n) {
    const taken = takeInOrder(held, moved);
    rest = taken.rest;
    const carried = unspent.kind === 'carry';
    await recordGrant(
      tx,
      clock,
      {
        customerId: change.customerId,
        testClockId: change.testClockId,
        unit,
        amount: moved,
        source: carried ? 'carry' : 'rollover',
        // Carried credits leave the subscription: they are pay-as-you-go from now on.
        subscriptionId: carried ? null : change.subscriptionId,
        description: carried
          ? 'Unspent credits kept as pay-as-you-go after a plan change'
          : 'Unspent credits carried into the new period',
        expiresAt: carried ? null : change.expiresAt,
        sourceRef: `${ref}:${carried ? 'carry' : 'rollover'}`,
        at: change.at,
      },
      taken.taken,
    );
  }
  await drainGrants(tx, clock, rest, {
    purpose: 'credits_expired',
    kind: unspent.kind === 'forfeit' ? 'credits.forfeited' : 'credits.expired',
    description:
      unspent.kind === 'forfeit'
        ? 'Unspent credits forfeited on a plan change'
        : 'Unspent credits expired at the period end',
    at: change.at,
    sourceRef: `${ref}:expired`,
  });
}

/**
 * Applies subscriptions' credit changes in the caller's transaction: the unspent period credits
 * (allocations and rollovers) of each subscription are carried over, forfeited or kept, then the
 * new grant is made.
 */
export async function applyPeriodCredits(
  tx: DbOrTx,
  clock: Clock,
  changes: readonly PeriodCreditsChange[],
): Promise<void> {
  for (const change of changes) {
    const held = await openGrants(
      tx,
      and(
        eq(creditGrants.subscriptionId, change.subscriptionId),
        inArray(creditGrants.source, ['subscription', 'rollover']),
      ),
      { lock: true },
    );
    const units = [...new Set(held.map((item) => item.grant.unit))];
    for (const unit of units)
      await settleUnspent(
        tx,
        clock,
        change,
        held.filter((item) => item.grant.unit === unit),
      );
    if (change.grant > 0n)
      await recordGrant(tx, clock, {
        customerId: change.customerId,
        testClockId: change.testClockId,
        unit: change.unit,
        amount: change.grant,
        source: 'subscription',
        subscriptionId: change.subscriptionId,
        description: 'Credits of the subscription’s period',
        expiresAt: change.expiresAt,
        sourceRef: `subscription:${change.subscriptionId}:${change.unit}:${change.at.toISOString()}:grant`,
        at: change.at,
      });
  }
}
