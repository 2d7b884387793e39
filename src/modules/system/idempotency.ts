import { and, eq, isNull, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { idempotencyKeys } from './schema.js';

/** How long a key is remembered; Stripe keeps keys for 24 hours, and clients retry within that. */
export const idempotencyKeyLifetimeMs = 24 * 3_600_000;

export interface IdempotencyClaim {
  actor: string;
  key: string;
  requestHash: string;
  now: Date;
}

export type ClaimResult =
  | { kind: 'first' }
  | { kind: 'replay'; status: number; body: string; contentType: string | null }
  | { kind: 'in_flight' }
  | { kind: 'different_request' };

/**
 * Claims a key for a request. The first claim wins (the primary key decides, so two requests
 * racing with one key cannot both run); later ones get the stored answer, or are told the first
 * is still running, or that the key was used for a different request.
 */
export async function claimIdempotencyKey(db: DbOrTx, claim: IdempotencyClaim): Promise<ClaimResult> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ actor: claim.actor, key: claim.key, requestHash: claim.requestHash, createdAt: claim.now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { kind: 'first' };
  const [stored] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.actor, claim.actor), eq(idempotencyKeys.key, claim.key)));
  if (!stored) return claimIdempotencyKey(db, claim); // expired and pruned in between: claim again
  if (stored.requestHash !== claim.requestHash) return { kind: 'different_request' };
  if (stored.status === null) return { kind: 'in_flight' };
  return {
    kind: 'replay',
    status: stored.status,
    body: stored.responseBody ?? '',
    contentType: stored.responseType,
  };
}

/** Stores the answer the first request got, for its repeats. */
export async function completeIdempotencyKey(
  db: DbOrTx,
  claim: Pick<IdempotencyClaim, 'actor' | 'key'>,
  response: { status: number; body: string; contentType: string | null },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ status: response.status, responseBody: response.body, responseType: response.contentType })
    .where(
      and(
        eq(idempotencyKeys.actor, claim.actor),
        eq(idempotencyKeys.key, claim.key),
        isNull(idempotencyKeys.status),
      ),
    );
}

/** Forgets a claim whose request failed on our side (nothing was changed), so a retry can run. */
export async function releaseIdempotencyKey(
  db: DbOrTx,
  claim: Pick<IdempotencyClaim, 'actor' | 'key'>,
): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.actor, claim.actor),
        eq(idempotencyKeys.key, claim.key),
        isNull(idempotencyKeys.status),
      ),
    );
}

/** Drops keys older than their lifetime. */
export async function pruneIdempotencyKeys(db: DbOrTx, now: Date): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - idempotencyKeyLifetimeMs)));
}
