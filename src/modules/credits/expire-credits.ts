import { and, asc, count, eq, gte, inArray, isNotNull, isNull, lt, lte, min, type SQL } from 'drizzle-orm';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';
import type { DueWork, DueWorkScope } from '../../lib/due-work.js';
import { drainGrants } from './drain-grants.js';
import { recheckBalance } from './low-balance.js';
import { openGrants } from './open-grants.js';
import { creditGrants } from './schema.js';

// Grants expired per transaction: small enough to keep locks short.
const batchSize = 500;

/** Open grants with an expiry, in the scope's world and customer range. */
function expiringIn(scope: DueWorkScope): SQL {
  const range = scope.customers;
  return and(
    isNull(creditGrants.closedAt),
    isNotNull(creditGrants.expiresAt),
    scope.testClockId === null
      ? isNull(creditGrants.testClockId)
      : eq(creditGrants.testClockId, scope.testClockId),
    range?.from === undefined ? undefined : gte(creditGrants.customerId, range.from),
    range?.to === undefined ? undefined : lt(creditGrants.customerId, range.to),
  )!;
}

/**
 * Credits that reach their expiry: what is left of each grant goes to the operator's
 * credits_expired account, one entry per grant, at the grant's own expiry time. Period credits a
 * renewal already rolled over are closed by then and not seen here; this catches packs with an
 * expiry and the credits of subscriptions that ended.
 */
export function creditExpiryDueWork(ctx: { db: Db; clock: Clock }): DueWork {
  return {
    name: 'credit expiries',
    async nextDueAt(db, scope) {
      const [row] = await db
        .select({ at: min(creditGrants.expiresAt) })
        .from(creditGrants)
        .where(expiringIn(scope));
      return row?.at ?? null;
    },
    async countDue(db, scope, until) {
      const [row] = await db
        .select({ n: count() })
        .from(creditGrants)
        .where(and(expiringIn(scope), lte(creditGrants.expiresAt, until)));
      return row?.n ?? 0;
    },
    async runDue(scope, until, onProgress) {
      let handled = 0;
      for (;;) {
        const done = await ctx.db.transaction(async (tx) => {
          const due = await tx
            .select({ id: creditGrants.id })
            .from(creditGrants)
            .where(and(expiringIn(scope), lte(creditGrants.expiresAt, until)))
            .orderBy(asc(creditGrants.expiresAt), asc(creditGrants.id))
            .limit(batchSize)
            .for('update', { skipLocked: true });
          if (due.length === 0) return 0;
          const held = await openGrants(
            tx,
            inArray(
              creditGrants.id,
              due.map((row) => row.id),
            ),
            { lock: true },
          );
          for (const item of held) {
            const at = item.grant.expiresAt!;
            await drainGrants(tx, ctx.clock, [item], {
              purpose: 'credits_expired',
              kind: 'credits.expired',
              description: `${item.grant.description}: expired`,
              at,
              sourceRef: `credit_grant:${item.grant.id}:expired`,
            });
            if (item.left > 0n) {
              const { customerId, unit } = item.grant;
              await recheckBalance(tx, { customerId, unit, at });
            }
          }
          return held.length;
        });
        if (done === 0) return handled;
        handled += done;
        onProgress?.(handled);
      }
    },
  };
}
