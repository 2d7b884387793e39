import type { DbOrTx } from '../../lib/db/database.js';
import { jobHeartbeats } from './schema.js';

export type JobHeartbeat = typeof jobHeartbeats.$inferSelect;

/** When each scheduled job last ran; an empty list means the scheduler has not run yet. */
export async function listJobHeartbeats(db: DbOrTx): Promise<JobHeartbeat[]> {
  return db.select().from(jobHeartbeats).orderBy(jobHeartbeats.jobName);
}
