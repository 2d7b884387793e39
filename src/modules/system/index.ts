export { createRateLimitStore } from './rate-limit-store.js';
export { registerSystemJobs, heartbeatJob, billRunJob, runBillRun } from './jobs.js';
export { listJobHeartbeats, type JobHeartbeat } from './scheduler-status.js';
export {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
  type ClaimResult,
} from './idempotency.js';
