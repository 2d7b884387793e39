import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { systemClock, type Clock } from './lib/clock.js';
import type { Config } from './lib/config.js';
import { openDatabase, type Database } from './lib/db/database.js';
import { startEmbeddedServer, type EmbeddedServer } from './lib/db/embedded-server.js';
import { runMigrations } from './lib/db/migrate.js';
import { JobQueue, type JobQueueOptions } from './lib/jobs.js';
import { allDueWork } from './due-work.js';
import type { Logger } from './lib/logger.js';
import { resolveSecret } from './lib/secret-file.js';
import { registerSystemJobs } from './modules/system/index.js';

/** A database connection, on the embedded server or on DATABASE_URL, and how to let go of it. */
export interface DatabaseHandle {
  url: string;
  database: Database;
  mode: 'embedded' | 'external';
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded server in the data dir when it is unset. */
export async function connectDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  let embedded: EmbeddedServer | undefined;
  const url = config.databaseUrl ?? (embedded = await startEmbeddedServer(config.dataDir, log)).url;
  const database = openDatabase(url, log, config.databasePoolSize);
  return {
    url,
    database,
    mode: embedded ? 'embedded' : 'external',
    close: async () => {
      await database.close();
      await embedded?.stop();
    },
  };
}

export interface RunningTollgate {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Tollgate: database (embedded or external), migrations, job queue and schedules, HTTP.
 * Stopping reverses the order, so the database is the last thing to go.
 */
export async function startTollgate(
  config: Config,
  log: Logger,
  options: { clock?: Clock; jobs?: JobQueueOptions } = {},
): Promise<RunningTollgate> {
  const clock = options.clock ?? systemClock;
  const secret = resolveSecret(config.secretFromEnv, config.dataDir);
  const handle = await connectDatabase(config, log);
  let jobs: JobQueue | undefined;
  let app: FastifyInstance | undefined;
  const stop = async () => {
    await app?.close();
    await jobs?.stop();
    await handle.close();
  };
  try {
    await runMigrations(handle.database.pool);
    jobs = new JobQueue(handle.url, log, options.jobs);
    await jobs.start();
    await registerSystemJobs(
      jobs,
      { db: handle.database.db, clock, dueWork: allDueWork(handle.database.db, clock, config) },
      config,
    );
    app = await buildApp({
      config,
      secret,
      database: handle.database,
      jobs,
      clock,
      log,
      databaseMode: handle.mode,
    });
    const url = await app.listen({ port: config.port, host: config.host });
    return { app, url, stop };
  } catch (error) {
    await stop().catch((stopError: unknown) =>
      log.error({ err: stopError }, 'clean-up after a failed start failed'),
    );
    throw error;
  }
}
