import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../lib/db/contains-pattern.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { auditEvents } from './schema.js';

export interface ListAuditEventsInput {
  search?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  order?: 'newest' | 'oldest';
  page: number;
  pageSize: number;
}

export type AuditEvent = typeof auditEvents.$inferSelect;

export interface AuditEventPage {
  rows: AuditEvent[];
  total: number;
}

/** One page of audit events, newest first by default, filtered by entity and free text. */
export async function listAuditEvents(db: DbOrTx, input: ListAuditEventsInput): Promise<AuditEventPage> {
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
  const orderBy = input.order === 'oldest' ? asc(auditEvents.id) : desc(auditEvents.id);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(orderBy)
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
