import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import { packageRoot } from '../package-root.js';

export const migrationsFolder = join(packageRoot, 'db', 'migrations');

// Any constant works; it only has to be the same for every Tollgate instance.
const migrationLockKey = 7_130_001;

/**
 * Applies pending migrations. A session-level advisory lock makes instances that start together
 * take turns: the first migrates, the others then find nothing to do.
 */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    try {
      await migrate(drizzle(client), {
        migrationsFolder,
        migrationsSchema: 'public',
        migrationsTable: 'schema_migrations',
      });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
    }
  } finally {
    client.release();
  }
}
