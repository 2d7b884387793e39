import { eq } from 'drizzle-orm';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { drainGrants, takeFromGrant } from './drain-grants.js';
import { recheckBalance } from './low-balance.js';
import { openGrants } from './open-grants.js';
import { creditGrants } from './schema.js';

/**
 * Takes back what is left of the grant made for `sourceRef` (a refunded pack, a reversed referral
 * reward) in the caller's transaction — all of it, or at most `amount`; credits already spent stay
 * spent. Returns how many were taken (0 when the grant is unknown, used up or closed). Each
 * `revocationRef` takes once (default: one revocation per grant).
 */
export async function revokeGrant(
  tx: DbOrTx,
  clock: Clock,
  input: { sourceRef: string; description: string; at: Date; amount?: bigint; revocationRef?: string },
): Promise<{ revoked: bigint }> {
  const held = await openGrants(tx, eq(creditGrants.sourceRef, input.sourceRef), { lock: true });
  const item = held[0];
  if (!item) return { revoked: 0n };
  const entry = {
    purpose: 'credits_revoked',
    kind: 'credits.revoked',
    description: input.description,
    at: input.at,
    sourceRef: `credit_grant:${item.grant.id}:revoked:${input.revocationRef ?? 'all'}`,
  };
  const revoked =
    input.amount === undefined || input.amount >= item.left
      ? await drainGrants(tx, clock, held, entry)
      : await takeFromGrant(tx, clock, item, input.amount, entry);
  const { customerId, unit } = item.grant;
  await recheckBalance(tx, { customerId, unit, at: input.at });
  return { revoked };
}
