import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { FixedClock } from '../../src/lib/clock.js';
import { openDatabase, type Database } from '../../src/lib/db/database.js';
import { runMigrations } from '../../src/lib/db/migrate.js';
import { createLogger } from '../../src/lib/logger.js';
import { cliActor } from '../../src/modules/audit/index.js';
import { createPlan, createProduct } from '../../src/modules/catalog/index.js';
import { createCustomer } from '../../src/modules/customers/index.js';
import { createSubscription } from '../../src/modules/subscriptions/index.js';
import { createTestClock } from '../../src/modules/test-clocks/index.js';

// Customers created at once during set-up; the set-up pool has a connection for each.
const concurrency = 12;

/** `--count N` from the command line, or `fallback`. */
export function countArgument(fallback: number): number {
  const index = process.argv.indexOf('--count');
  const count = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error('--count must be a whole number >= 1');
  return count;
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Two pools on one scratch database: one for set-up, one for what is measured. */
export interface ScratchDatabases {
  setup: Database;
  measured: Database;
}

/**
 * Runs `work` on a fresh, migrated scratch database on BENCH_DATABASE_URL's server (default: the
 * local PostgreSQL), dropped afterwards. The set-up pool does not wait for the disk on commit (the
 * data is thrown away); the measured pool keeps the server's default durability.
 */
export async function withScratchDatabase(
  measuredConnections: number,
  work: (databases: ScratchDatabases) => Promise<void>,
): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `tollgate_bench_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const setupUrl = new URL(url);
  setupUrl.searchParams.set('options', '-c synchronous_commit=off');
  const setup = openDatabase(setupUrl.toString(), createLogger('silent'), concurrency + 2);
  const measured = openDatabase(url.toString(), createLogger('silent'), measuredConnections);
  try {
    await runMigrations(measured.pool);
    await work({ setup, measured });
  } finally {
    await setup.close();
    await measured.close();
    await onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

/**
 * `count` sandbox customers on one test clock (frozen on 31 January 2027), each subscribed to one
 * monthly USD plan through the service layer, as an operator's writes would go; progress every 10,000.
 */
export async function subscribedCustomers(setup: Database, clock: FixedClock, count: number) {
  const ctx = { db: setup.db, clock };
  const product = await createProduct(ctx, { name: 'Bench membership', kind: 'membership' }, cliActor);
  const plan = await createPlan(
    ctx,
    product.id,
    {
      code: 'bench-monthly',
      name: 'Monthly',
      intervalUnit: 'month',
      prices: [{ currency: 'USD', amount: 1200 }],
    },
    cliActor,
  );
  const testClock = await createTestClock(
    { ...ctx, dueWork: [] },
    { name: 'Bench', frozenAt: '2027-01-31T00:00:00Z' },
    cliActor,
  );
  console.log(
    `Creating ${count.toLocaleString('en-US')} customers with subscriptions through the service layer…`,
  );
  const started = performance.now();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const customer = await createCustomer(
        ctx,
        {
          email: `bench${index}@example.com`,
          name: `Bench ${index}`,
          currency: 'USD',
          testClockId: testClock.id,
        },
        cliActor,
      );
      await createSubscription(ctx, { customerId: customer.id, planId: plan.id }, cliActor);
      done++;
      if (done % 10_000 === 0)
        console.log(`  subscribed: ${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return { testClock, createMs: performance.now() - started };
}
