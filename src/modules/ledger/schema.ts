import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * One account of the books, named by a key such as `customer:<uuid>:credits:credits` or
 * `operator:revenue:USD`. `balance` is a cache of the sum of its lines, kept in the same
 * transaction as every entry and checked by `verifyLedger`.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    /** `customer` or `operator`. */
    ownerKind: text('owner_kind').notNull(),
    /** The customer's id; null for the operator's own accounts. */
    ownerId: uuid('owner_id'),
    /** What the account holds for its owner: balance, credits, revenue, receivables … */
    purpose: text('purpose').notNull(),
    /** An ISO currency (minor units) or a credit unit name. */
    unit: text('unit').notNull(),
    allowNegative: boolean('allow_negative').notNull(),
    balance: bigint('balance', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('ledger_accounts_key_idx').on(table.key),
    index('ledger_accounts_owner_idx').on(table.ownerId),
    index('ledger_accounts_unit_idx').on(table.unit, table.key),
    check('ledger_accounts_owner_kind', sql`${table.ownerKind} in ('customer', 'operator')`),
    // The last line of defence behind postEntry's own check.
    check('ledger_accounts_not_negative', sql`${table.allowNegative} OR ${table.balance} >= 0`),
  ],
);

/** One journal entry: a change of balances whose lines sum to zero per unit. Never updated. */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** What caused it (`invoice:<id>`, an idempotency key); an entry is posted once per reference. */
    sourceRef: text('source_ref'),
  },
  (table) => [
    uniqueIndex('ledger_entries_source_ref_idx').on(table.sourceRef),
    index('ledger_entries_occurred_at_idx').on(table.occurredAt, table.id),
  ],
);

/** One line of an entry: a signed amount on one account, in the account's unit. Never updated. */
export const ledgerLines = pgTable(
  'ledger_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => ledgerEntries.id),
    lineNo: integer('line_no').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    unit: text('unit').notNull(),
  },
  (table) => [
    // An account's history, newest first, by keyset.
    index('ledger_lines_account_idx').on(table.accountId, table.id),
    uniqueIndex('ledger_lines_entry_idx').on(table.entryId, table.lineNo),
  ],
);
