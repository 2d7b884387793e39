import { and, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../lib/db/contains-pattern.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type OffsetPage, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import { auditEvents } from './schema.js';

export interface ListAuditEventsInput {
  search?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  order?: 'newest' | 'oldest';
}

export type AuditEvent = typeof auditEvents.$inferSelect;

export type AuditEventPage = OffsetPage<AuditEvent>;

/**
 * One page of audit events, newest first by default, filtered by entity and free text: by offset
 * ({page, pageSize}, with the total) or by cursor ({cursor, limit}, with the next cursor).
 */
export async function listAuditEvents<P extends Paging>(
  db: DbOrTx,
  input: ListAuditEventsInput & P,
): Promise<PageOf<AuditEvent, P>> {
  const conditions: SQL[] = [];
  if (input.entityType) conditions.push(eq(auditEvents.entityType, input.entityType));
  if (input.entityId) conditions.push(eq(auditEvents.entityId, input.entityId));
  if (input.search) {
    const pattern = containsPattern(input.search);
    const matches = or(
      ilike(auditEvents.action, pattern),
      ilike(auditEvents.actorLabel, pattern),
      ilike(auditEvents.entityId, pattern),
      // The snapshots are searched too, so a person's name or email finds the changes made to them.
      ilike(sql`${auditEvents.before}::text`, pattern),
      ilike(sql`${auditEvents.after}::text`, pattern),
    );
    if (matches) conditions.push(matches);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const order = input.order ?? 'newest';
  return pageRows<AuditEvent, P>(input, {
    // The id grows with every event, so it is the order of events and its own tie-breaker.
    keys: [{ column: auditEvents.id, direction: order === 'oldest' ? 'asc' : 'desc' }],
    scope: {
      list: 'audit-events',
      order,
      search: input.search,
      entityType: input.entityType,
      entityId: input.entityId,
    },
    where,
    rows: (q) =>
      db
        .select({ row: auditEvents, keys: q.keys })
        .from(auditEvents)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset),
    count: async (where) =>
      (await db.select({ total: count() }).from(auditEvents).where(where))[0]?.total ?? 0,
  });
}
