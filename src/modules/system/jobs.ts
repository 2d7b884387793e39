import { lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';
import type { DueWork } from '../../lib/due-work.js';
import { defineJob, type JobQueue } from '../../lib/jobs.js';
import { pruneIdempotencyKeys } from './idempotency.js';
import { jobHeartbeats, rateLimitHits } from './schema.js';

/** Every minute: proves the scheduler runs, and shows when it last did on the dashboard. */
export const heartbeatJob = defineJob({
  name: 'system.heartbeat',
  payload: z.object({}),
  policy: 'singleton',
  retryLimit: 0,
});

/**
 * Every minute: runs everything due up to now for real (non-sandbox) customers — renewals, trial
 * ends, booked cancellations. Singleton, so two instances never run it at once; each batch also
 * skips rows another holds, so a long run and the next one cannot collide either.
 */
export const billRunJob = defineJob({
  name: 'system.bill-run',
  payload: z.object({}),
  policy: 'singleton',
  retryLimit: 0,
});

/** Runs every kind of due work for the real world (no test clock) up to now. */
export async function runBillRun(db: Db, clock: Clock, dueWork: readonly DueWork[]): Promise<number> {
  let handled = 0;
  for (const work of dueWork) handled += await work.runDue({ testClockId: null }, clock.now());
  await recordHeartbeat(db, clock, billRunJob.name);
  return handled;
}

/** Hourly: drops rate-limit windows that ended long ago and expired idempotency keys. */
export const pruneExpiredJob = defineJob({
  name: 'system.prune-expired',
  payload: z.object({}),
  policy: 'singleton',
});

export async function recordHeartbeat(db: Db, clock: Clock, jobName: string): Promise<void> {
  const now = clock.now();
  await db
    .insert(jobHeartbeats)
    .values({ jobName, lastRunAt: now, runs: 1n })
    .onConflictDoUpdate({
      target: jobHeartbeats.jobName,
      set: { lastRunAt: now, runs: sql`${jobHeartbeats.runs} + 1` },
    });
}

export async function pruneExpired(db: Db, clock: Clock): Promise<void> {
  await db.delete(rateLimitHits).where(lt(rateLimitHits.windowStartedAt, sql`now() - interval '1 day'`));
  await pruneIdempotencyKeys(db, clock.now());
}

/** Registers the system jobs and their schedules on the queue. */
export async function registerSystemJobs(
  jobs: JobQueue,
  db: Db,
  clock: Clock,
  dueWork: readonly DueWork[],
): Promise<void> {
  await jobs.register(heartbeatJob, () => recordHeartbeat(db, clock, heartbeatJob.name));
  await jobs.register(billRunJob, async () => {
    await runBillRun(db, clock, dueWork);
  });
  await jobs.schedule(billRunJob, '* * * * *', {});
  await jobs.register(pruneExpiredJob, () => pruneExpired(db, clock));
  await jobs.schedule(heartbeatJob, '* * * * *', {});
  await jobs.schedule(pruneExpiredJob, '17 * * * *', {});
}
