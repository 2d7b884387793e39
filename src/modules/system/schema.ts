import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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

/**
 * One bill run: everything due up to `until`, shared out as customer-id ranges that jobs on any
 * instance take. `dueAtStart` is what was due when it began (the progress bar's whole); more may
 * follow from it (a renewal makes an invoice).
 */
export const billRuns = pgTable(
  'system_bill_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Who started it: the every-minute schedule, `tollgate bill-run`, or staff from the scheduler page.
    trigger: text('trigger', { enum: ['schedule', 'cli', 'staff'] }).notNull(),
    status: text('status', { enum: ['running', 'finished', 'failed'] }).notNull(),
    until: timestamp('until', { withTimezone: true }).notNull(),
    dueAtStart: integer('due_at_start').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    // Moved on every batch of any range: a running run that stops moving was left by a dead process.
    progressAt: timestamp('progress_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [index('system_bill_runs_started_idx').on(table.startedAt, table.id)],
);

/** One customer-id range of a bill run, [fromId, toId) (null bounds are open), and how it went. */
export const billRunRanges = pgTable(
  'system_bill_run_ranges',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => billRuns.id),
    position: integer('position').notNull(),
    fromId: uuid('from_id'),
    toId: uuid('to_id'),
    handled: integer('handled').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    error: text('error'),
  },
  (table) => [primaryKey({ columns: [table.runId, table.position] })],
);
