import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { operatorAccountKey, postEntry } from '../ledger/index.js';
import { closeGrants, type HeldGrant } from './open-grants.js';

/**
 * Empties grants in one entry — what is left of each goes to the operator's `purpose` account
 * (credits_expired, credits_revoked) — and closes them. Returns how much was taken. Grants already
 * empty are just closed. The caller holds them locked (openGrants with lock).
 */
export async function drainGrants(
  tx: DbOrTx,
  clock: Clock,
  held: readonly HeldGrant[],
  entry: { purpose: string; kind: string; description: string; at: Date; sourceRef: string },
): Promise<bigint> {
  const full = held.filter((item) => item.left > 0n);
  const total = full.reduce((sum, item) => sum + item.left, 0n);
  const unit = held[0]?.grant.unit;
  if (unit !== undefined && total > 0n) {
    await postEntry(tx, clock, {
      kind: entry.kind,
      description: entry.description,
      occurredAt: entry.at,
      sourceRef: entry.sourceRef,
      lines: [
        ...full.map((item) => ({ accountKey: item.grant.accountKey, amount: -item.left, unit })),
        { accountKey: operatorAccountKey(entry.purpose, unit), amount: total, unit },
      ],
    });
  }
  await closeGrants(
    tx,
    held.map((item) => item.grant.id),
    entry.at,
  );
  return total;
}

/** Takes part of one grant (less than is left, so it stays open) in one entry, as drainGrants does. */
export async function takeFromGrant(
  tx: DbOrTx,
  clock: Clock,
  item: HeldGrant,
  amount: bigint,
  entry: { purpose: string; kind: string; description: string; at: Date; sourceRef: string },
): Promise<bigint> {
  if (amount <= 0n) return 0n;
  const { unit, accountKey } = item.grant;
  await postEntry(tx, clock, {
    kind: entry.kind,
    description: entry.description,
    occurredAt: entry.at,
    sourceRef: entry.sourceRef,
    lines: [
      { accountKey, amount: -amount, unit },
      { accountKey: operatorAccountKey(entry.purpose, unit), amount, unit },
    ],
  });
  return amount;
}
