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
  /** The scratch database's URL, for a Tollgate process of its own. */
  url: string;
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
    await work({ setup, measured, url: url.toString() });
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

/**
 * Grows the world to `total` subscribed customers by copying the ones already made through the
 * service layer, in SQL: each copy is a template row with a new id (and email), so the copies are
 * exactly what the service layer writes, made in seconds instead of minutes. Their charges are
 * copied too, so each copy has the same bill waiting.
 */
export async function cloneSubscribedCustomers(setup: Database, total: number): Promise<void> {
  const started = performance.now();
  const { pool } = setup;
  const made = Number(
    (await pool.query<{ n: string }>('SELECT count(*) AS n FROM subscriptions')).rows[0]?.n,
  );
  if (total <= made) return;
  console.log(`Copying them in SQL up to ${total.toLocaleString('en-US')}…`);
  await pool.query(`
    CREATE UNLOGGED TABLE bench_copies AS
    SELECT s.id AS template_subscription, s.customer_id AS template_customer, copy,
           gen_random_uuid() AS subscription_id, gen_random_uuid() AS customer_id
    FROM (SELECT id, customer_id, row_number() OVER (ORDER BY id) - 1 AS position FROM subscriptions) s
    JOIN generate_series(0, ${total - made - 1}) copy ON copy % ${made} = s.position`);
  await pool.query(`
    INSERT INTO customers
    SELECT (jsonb_populate_record(c, jsonb_build_object('id', b.customer_id,
            'email', 'copy' || b.copy || '@example.com'))).*
    FROM bench_copies b JOIN customers c ON c.id = b.template_customer`);
  await pool.query(`
    INSERT INTO subscriptions
    SELECT (jsonb_populate_record(s, jsonb_build_object('id', b.subscription_id,
            'customer_id', b.customer_id))).*
    FROM bench_copies b JOIN subscriptions s ON s.id = b.template_subscription`);
  await pool.query(`
    INSERT INTO subscription_charges
    SELECT (jsonb_populate_record(c, jsonb_build_object('id', nextval('subscription_charges_id_seq'),
            'subscription_id', b.subscription_id, 'customer_id', b.customer_id))).*
    FROM bench_copies b JOIN subscription_charges c ON c.subscription_id = b.template_subscription`);
  await pool.query('DROP TABLE bench_copies');
  await pool.query('VACUUM ANALYZE customers, subscriptions, subscription_charges');
  console.log(`  copied in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
