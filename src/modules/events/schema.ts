import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The outbox: every business change that others may react to (invoicing, access, notifications,
 * outbound webhooks) writes one row here in the same transaction as the change, so an event exists
 * exactly when its change committed. Consumers read in id order and remember how far they got.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    // When it happened in the subject's own time (a test clock's time for sandbox customers).
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('outbox_events_entity_idx').on(table.entityType, table.entityId, table.id),
    index('outbox_events_type_idx').on(table.type, table.id),
  ],
);
