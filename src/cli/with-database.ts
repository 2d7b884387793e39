import type { Db } from '../lib/db/database.js';
import { loadConfig, type Config } from '../lib/config.js';
import { runMigrations } from '../lib/db/migrate.js';
import { createLogger } from '../lib/logger.js';
import { connectDatabase } from '../runtime.js';

/**
 * Runs a command's work on Tollgate's database (the embedded one, or DATABASE_URL's), migrated
 * first, and lets go of it afterwards whatever happens. Info logs are quieted: a command speaks
 * through its own output.
 */
export async function withDatabase<T>(work: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const handle = await connectDatabase(config, log);
  try {
    await runMigrations(handle.database.pool);
    return await work(handle.database.db, config);
  } finally {
    await handle.close();
  }
}
