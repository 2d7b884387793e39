import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Request counts per client key and window, shared by every instance on this database. */
export const rateLimitHits = pgTable('system_rate_limit_hits', {
  key: text('key').primaryKey(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  hits: integer('hits').notNull(),
});

/** Last run of each scheduled job, so operators can see the scheduler is alive. */
export const jobHeartbeats = pgTable('system_job_heartbeats', {
  jobName: text('job_name').primaryKey(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }).notNull(),
  runs: bigint('runs', { mode: 'bigint' }).notNull(),
});

/**
 * The first answer to each API write sent with an Idempotency-Key, per staff user, so a repeat
 * gets that answer instead of doing the work twice. `status` is null while the first is running.
 */
export const idempotencyKeys = pgTable(
  'system_idempotency_keys',
  {
    actor: text('actor').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    responseBody: text('response_body'),
    responseType: text('response_type'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.actor, table.key] }),
    index('system_idempotency_keys_created_idx').on(table.createdAt),
  ],
);
