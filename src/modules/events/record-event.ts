import type { DbOrTx } from '../../lib/db/database.js';
import { insertJsonRows, isoText } from '../../lib/db/json-rows.js';
import { outboxEvents } from './schema.js';

/** One thing that happened, for the outbox. Payloads are JSON: money as strings of minor units. */
export interface EventInput {
  type: string;
  entityType: string;
  entityId: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * Writes events to the outbox. Call it inside the transaction of the change the events describe,
 * so they exist if and only if that change committed. One statement whatever the number: the rows
 * travel as one JSON array and come back out of it in order.
 */
export async function recordEvents(db: DbOrTx, events: readonly EventInput[]): Promise<void> {
  const rows = events.map((event) => ({
    type: event.type,
    entity_type: event.entityType,
    entity_id: event.entityId,
    payload: event.payload,
    occurred_at: isoText(event.occurredAt),
  }));
  await insertJsonRows(db, outboxEvents, rows);
}
