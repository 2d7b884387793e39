export { createRateLimitStore } from './rate-limit-store.js';
export { registerSystemJobs, heartbeatJob, billRunJob, billRunRangeJob, queueBillRun } from './jobs.js';
export {
  customerRanges,
  latestBillRun,
  listBillRuns,
  runBillRunRange,
  startBillRun,
  type BillRun,
  type BillRunContext,
  type BillRunProgress,
  type BillRunRange,
  type ListBillRunsInput,
} from './bill-runs.js';
export { listJobHeartbeats, type JobHeartbeat } from './scheduler-status.js';
export {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  type ClaimResult,
} from './idempotency.js';
