import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * A tax rate for a country (and optionally a region). Rates are parts per million, so 8.875 % is
 * 88,750 and nothing is lost to floating point. Inclusive rates are already inside the price;
 * exclusive ones are added on top.
 */
export const taxRates = pgTable(
  'tax_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    country: text('country').notNull(),
    region: text('region'),
    ratePpm: integer('rate_ppm').notNull(),
    inclusive: boolean('inclusive').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (table) => [
    index('tax_rates_country_idx').on(table.country, table.region),
    check('tax_rates_rate_range', sql`${table.ratePpm} >= 0 AND ${table.ratePpm} <= 1000000`),
  ],
);
