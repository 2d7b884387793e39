import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
import { isoText, jsonRows } from '../../lib/db/json-rows.js';
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
  if (events.length === 0) return;
  const rows = events.map((event) => ({
    type: event.type,
    entity_type: event.entityType,
    entity_id: event.entityId,
    payload: event.payload,
    occurred_at: isoText(event.occurredAt),
  }));
  await db.execute(sql`
    INSERT INTO ${outboxEvents} (type, entity_type, entity_id, payload, occurred_at)
    SELECT v.type, v.entity_type, v.entity_id, v.payload, v.occurred_at
    FROM ROWS FROM (json_to_recordset(${jsonRows(rows)})
      AS (type text, entity_type text, entity_id uuid, payload jsonb, occurred_at timestamptz))
      WITH ORDINALITY AS v(type, entity_type, entity_id, payload, occurred_at, position)
    ORDER BY v.position`);
}
