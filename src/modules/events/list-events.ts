import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { outboxEvents } from './schema.js';

export type OutboxEvent = typeof outboxEvents.$inferSelect;

export interface ListEventsInput {
  entityType?: string;
  entityId?: string;
  type?: string;
  /** Only events after this id: how a consumer continues where it stopped. */
  afterId?: bigint;
  limit?: number;
}

/** Events in the order they were written (id order), optionally for one entity or of one type. */
export async function listEvents(db: DbOrTx, input: ListEventsInput = {}): Promise<OutboxEvent[]> {
  const conditions: SQL[] = [];
  if (input.entityType) conditions.push(eq(outboxEvents.entityType, input.entityType));
  if (input.entityId) conditions.push(eq(outboxEvents.entityId, input.entityId));
  if (input.type) conditions.push(eq(outboxEvents.type, input.type));
  if (input.afterId !== undefined) conditions.push(gt(outboxEvents.id, input.afterId));
  return db
    .select()
    .from(outboxEvents)
    .where(and(...conditions))
    .orderBy(asc(outboxEvents.id))
    .limit(input.limit ?? 1000);
}
