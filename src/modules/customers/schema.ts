import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Someone who buys: how to reach them, what currency they pay in, where they live (for tax and time). */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    currency: text('currency').notNull(),
    locale: text('locale').notNull(),
    timeZone: text('time_zone').notNull(),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    city: text('city'),
    postalCode: text('postal_code'),
    region: text('region'),
    country: text('country'),
    taxId: text('tax_id'),
    // Exempt from tax (with a tax id on file); reverse charge applies to business customers abroad.
    taxExempt: boolean('tax_exempt').notNull().default(false),
    tags: text('tags').array().notNull(),
    notes: text('notes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    // Set when this record was merged into another; it stays for history but is no longer used.
    mergedIntoId: uuid('merged_into_id'),
    // A sandbox customer lives at this test clock's time; set at creation only, never changed.
    testClockId: uuid('test_clock_id'),
  },
  (table) => [
    uniqueIndex('customers_email_unique')
      .on(sql`lower(${table.email})`)
      .where(sql`${table.mergedIntoId} IS NULL`),
    index('customers_created_idx').on(table.createdAt),
    index('customers_test_clock_idx').on(table.testClockId),
  ],
);

/** Accounts of a customer elsewhere: Discord, Plex, Jellyfin, payment providers. One owner each. */
export const customerIdentities = pgTable(
  'customer_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    provider: text('provider', {
      enum: ['discord', 'plex', 'jellyfin', 'emby', 'stripe', 'paypal', 'external'],
    }).notNull(),
    externalId: text('external_id').notNull(),
    label: text('label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('customer_identities_unique').on(table.provider, sql`lower(${table.externalId})`),
    index('customer_identities_customer_idx').on(table.customerId),
  ],
);
