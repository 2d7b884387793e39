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

// Rows per INSERT: far below PostgreSQL's 65,535 bind parameters (6 per row).
const batchSize = 5000;

/**
 * Writes events to the outbox. Call it inside the transaction of the change the events describe,
 * so they exist if and only if that change committed.
 */
export async function recordEvents(db: DbOrTx, events: readonly EventInput[]): Promise<void> {
  for (let from = 0; from < events.length; from += batchSize) {
    await db.insert(outboxEvents).values(events.slice(from, from + batchSize));
  }
}
