import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Logger } from '../logger.js';

export type Db = NodePgDatabase;
/** A transaction handle; use cases accept `Db | Tx` so callers can compose them in one transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  close(): Promise<void>;
}

// int8 (bigint) columns come back as strings by default; money and counts must stay exact, so
// they are parsed as BigInt where drizzle columns say mode 'bigint', and drizzle handles that itself.

/** Opens the connection pool for one PostgreSQL database. */
export function openDatabase(url: string, log: Logger, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'tollgate' });
  pool.on('error', (error) => log.error({ err: error }, 'idle database connection failed'));
  const db = drizzle(pool);
  return { db, pool, close: () => pool.end() };
}
