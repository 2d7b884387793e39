import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
