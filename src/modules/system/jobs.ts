import { lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../lib/db/database.js';
import { defineJob, type JobQueue } from '../../lib/jobs.js';
import {
  runBillRunRange,
  startBillRun,
  type BillRun,
  type BillRunContext,
  type BillRunProgress,
} from './bill-runs.js';
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
 * Every minute: starts a bill run of the real (non-sandbox) world up to now when anything is due and
 * no run is going — renewals, trial ends, booked changes, then invoices — and hands its customer
 * ranges out as range jobs, which any instance takes. Singleton, so starts never pile up.
 */
export const billRunJob = defineJob({
  name: 'system.bill-run',
  payload: z.object({}),
  policy: 'singleton',
  retryLimit: 0,
});

/**
 * One customer range of a bill run. Retried if it fails: a range continues where it stopped, and
 * one already finished does nothing. Two per instance run at once.
 */
export const billRunRangeJob = defineJob({
  name: 'system.bill-run-range',
  payload: z.object({ runId: z.uuid(), position: z.number().int().min(0) }),
  retryLimit: 3,
  workers: 2,
});

/**
 * Starts a bill run (when something is due and none is going) and queues a job per customer range,
 * for whichever instances are free. Returns the run, or null when none was started.
 */
export async function queueBillRun(
  jobs: JobQueue,
  ctx: BillRunContext,
  trigger: BillRun['trigger'],
  rangeCount: number,
): Promise<BillRunProgress | null> {
  const run = await startBillRun(ctx, trigger, rangeCount);
  for (const range of run?.ranges ?? [])
    await jobs.send(billRunRangeJob, { runId: range.runId, position: range.position });
  return run;
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
  ctx: BillRunContext,
  settings: { billRunRanges: number },
): Promise<void> {
  const { db, clock } = ctx;
  await jobs.register(heartbeatJob, () => recordHeartbeat(db, clock, heartbeatJob.name));
  await jobs.register(billRunJob, async () => {
    await queueBillRun(jobs, ctx, 'schedule', settings.billRunRanges);
    await recordHeartbeat(db, clock, billRunJob.name);
  });
  await jobs.register(billRunRangeJob, async ({ runId, position }) => {
    await runBillRunRange(ctx, runId, position);
  });
  await jobs.schedule(billRunJob, '* * * * *', {});
  await jobs.register(pruneExpiredJob, () => pruneExpired(db, clock));
  await jobs.schedule(heartbeatJob, '* * * * *', {});
  await jobs.schedule(pruneExpiredJob, '17 * * * *', {});
}
