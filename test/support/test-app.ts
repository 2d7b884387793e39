import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { allDueWork } from '../../src/due-work.js';
import { FixedClock } from '../../src/lib/clock.js';
import { loadConfig, type Config } from '../../src/lib/config.js';
import { openDatabase, type Database } from '../../src/lib/db/database.js';
import { runMigrations } from '../../src/lib/db/migrate.js';
import { JobQueue } from '../../src/lib/jobs.js';
import { createLogger } from '../../src/lib/logger.js';
import { registerSystemJobs } from '../../src/modules/system/index.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: FastifyInstance;
  clock: FixedClock;
  config: Config;
  database: Database;
  testDatabase: TestDatabase;
  jobs: JobQueue;
  /** Another instance of Tollgate on the same database (for multi-instance behaviour). */
  addInstance(): Promise<FastifyInstance>;
  close(): Promise<void>;
}

/**
 * Tollgate on a fresh database of its own, with a fixed clock, driven through HTTP (inject).
 * `env` overrides configuration variables as an operator would.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; cronCheckSeconds?: number } = {},
): Promise<TestApp> {
  const testDatabase = await createTestDatabase();
  const config = loadConfig({
    TOLLGATE_LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    DATABASE_URL: testDatabase.url,
    ...options.env,
  });
  const log = createLogger(config.logLevel);
  const database = openDatabase(testDatabase.url, log);
  await runMigrations(database.pool);
  const clock = new FixedClock(new Date());
  const jobs = new JobQueue(
    testDatabase.url,
    log,
    options.cronCheckSeconds ? { cronCheckSeconds: options.cronCheckSeconds } : {},
  );
  await jobs.start();
  await registerSystemJobs(
    jobs,
    { db: database.db, clock, dueWork: allDueWork(database.db, clock, config) },
    config,
  );
  const secret = 'test-secret-test-secret-test-secret-123';
  const build = () => buildApp({ config, secret, database, jobs, clock, log, databaseMode: 'external' });
  const app = await build();
  const extra: FastifyInstance[] = [];
  return {
    app,
    clock,
    config,
    database,
    testDatabase,
    jobs,
    addInstance: async () => {
      const instance = await build();
      extra.push(instance);
      return instance;
    },
    close: async () => {
      for (const instance of [app, ...extra]) await instance.close();
      await jobs.stop();
      await database.close();
      await testDatabase.drop();
    },
  };
}
