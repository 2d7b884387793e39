import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A frozen "now" for sandbox customers. Customers attached to a clock live at its time; advancing it
 * runs everything that would have happened in between, in order. Real customers use the system clock.
 */
export const testClocks = pgTable(
  'test_clocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    frozenAt: timestamp('frozen_at', { withTimezone: true }).notNull(),
    // 'advancing' while an advance runs, so a second one is refused instead of interleaving.
    status: text('status', { enum: ['ready', 'advancing'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [check('test_clocks_name_not_empty', sql`length(${table.name}) > 0`)],
);
