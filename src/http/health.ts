import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../lib/db/database.js';
import type { JobQueue } from '../lib/jobs.js';

async function databaseReady(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`SELECT 1`);
    return true;
  } catch {
    return false;
  }
}

/** /healthz: the process answers. /readyz: the database and the job queue answer too (503 otherwise). */
export function registerHealthRoutes(app: FastifyInstance, db: Db, jobs: JobQueue): void {
  const quiet = { config: { rateLimit: false }, logLevel: 'warn' as const };
  app.get('/healthz', quiet, async () => ({ status: 'ok' }));
  app.get('/readyz', quiet, async (_request, reply) => {
    const [database, jobQueue] = await Promise.all([databaseReady(db), jobs.isReady()]);
    const ready = database && jobQueue;
    reply.code(ready ? 200 : 503);
    return {
      status: ready ? 'ready' : 'not_ready',
      checks: { database: database ? 'ok' : 'failing', jobQueue: jobQueue ? 'ok' : 'failing' },
    };
  });
}
