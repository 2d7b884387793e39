import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../lib/db/database.js';
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
 * so they exist if and only if that change committed. One statement whatever the number: each
 * column travels as one array parameter and unnest turns them back into rows, in order.
 */
export async function recordEvents(db: DbOrTx, events: readonly EventInput[]): Promise<void> {
  if (events.length === 0) return;
  const column = <T>(pick: (event: EventInput) => T) => sql.param(events.map(pick));
  await db.execute(sql`
    INSERT INTO ${outboxEvents} (type, entity_type, entity_id, payload, occurred_at)
    SELECT v.type, v.entity_type, v.entity_id, v.payload, v.occurred_at
    FROM unnest(
      ${column((event) => event.type)}::text[], ${column((event) => event.entityType)}::text[],
      ${column((event) => event.entityId)}::uuid[], ${column((event) => JSON.stringify(event.payload))}::jsonb[],
      ${column((event) => event.occurredAt.toISOString())}::timestamptz[]
    ) WITH ORDINALITY AS v(type, entity_type, entity_id, payload, occurred_at, position)
    ORDER BY v.position`);
}
