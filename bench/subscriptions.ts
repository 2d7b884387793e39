// Renewal bench: `npm run bench:subscriptions [-- --count 100000]`. Creates N customers with
// subscriptions through the service layer on a scratch PostgreSQL database, then advances their test
// clock one period (every subscription renews: new period, timeline line, outbox event, the period's
// pending charge) and compares that with a plain batched INSERT of the same number of rows, measured
// in the same run. Only the subscriptions' due work runs: invoicing has its own bench. The server comes from BENCH_DATABASE_URL (any
// database on it; a scratch one is created and dropped), default the local PostgreSQL.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { FixedClock } from '../src/lib/clock.js';
import { openDatabase } from '../src/lib/db/database.js';
import { runMigrations } from '../src/lib/db/migrate.js';
import { createLogger } from '../src/lib/logger.js';
import { cliActor } from '../src/modules/audit/index.js';
import { createPlan, createProduct } from '../src/modules/catalog/index.js';
import { createCustomer } from '../src/modules/customers/index.js';
import { createSubscription, subscriptionDueWork } from '../src/modules/subscriptions/index.js';
import { advanceTestClock, createTestClock } from '../src/modules/test-clocks/index.js';
import { formatMs, printTable } from './lib/stats.js';

const goalMs = 10_000;
const concurrency = 12;
const insertBatch = 1000;

function countArgument(): number {
  const index = process.argv.indexOf('--count');
  const count = index === -1 ? 100_000 : Number(process.argv[index + 1]);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error('--count must be a whole number >= 1');
  return count;
}

async function withServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs `total` tasks, `concurrency` at a time, printing progress now and then. */
async function runPool(total: number, label: string, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < total) {
      const index = next++;
      await task(index);
      done++;
      if (done % 10_000 === 0)
        console.log(`  ${label}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
}

/**
 * The baseline: the subscriptions' rows written again into a copy of their table with multi-row
 * INSERT … VALUES, `insertBatch` rows per statement — the plainest fast way to write N rows.
 */
async function batchedInsert(pool: pg.Pool): Promise<number> {
  await pool.query('CREATE TABLE bench_subscription_copies (LIKE subscriptions INCLUDING DEFAULTS)');
  const { rows } = await pool.query<Record<string, unknown>>('SELECT * FROM subscriptions');
  const columns = Object.keys(rows[0] ?? {});
  const started = performance.now();
  for (let from = 0; from < rows.length; from += insertBatch) {
    const batch = rows.slice(from, from + insertBatch);
    const values: unknown[] = [];
    const tuples = batch.map((row, rowIndex) => {
      const marks = columns.map((column, columnIndex) => {
        values.push(row[column]);
        return `$${rowIndex * columns.length + columnIndex + 1}`;
      });
      return `(${marks.join(', ')})`;
    });
    await pool.query(
      `INSERT INTO bench_subscription_copies (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
      values,
    );
  }
  return performance.now() - started;
}

async function main(): Promise<void> {
  const count = countArgument();
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `tollgate_bench_${randomBytes(4).toString('hex')}`;
  await withServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Set-up only: commits need not wait for the disk (the bench's data is thrown away). The measured
  // phases below use a second, ordinary pool with the server's default durability.
  const setupUrl = new URL(url);
  setupUrl.searchParams.set('options', '-c synchronous_commit=off');
  const setup = openDatabase(setupUrl.toString(), createLogger('silent'), concurrency + 2);
  const database = openDatabase(url.toString(), createLogger('silent'), 4);
  try {
    await runMigrations(database.pool);
    const db = setup.db;
    const clock = new FixedClock('2027-01-01T00:00:00Z');
    const ctx = { db, clock };
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
    const createStarted = performance.now();
    await runPool(count, 'subscribed', async (index) => {
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
    });
    const createMs = performance.now() - createStarted;

    console.log('Baseline: batched INSERT of the same number of rows…');
    const insertMs = await batchedInsert(database.pool);

    console.log('Advancing the test clock one period (every subscription renews)…');
    const advanceStarted = performance.now();
    const { handled } = await advanceTestClock(
      { db: database.db, clock, dueWork: [subscriptionDueWork({ db: database.db, clock })] },
      testClock.id,
      { to: '2027-03-01T00:00:00Z' },
      cliActor,
    );
    const renewMs = performance.now() - advanceStarted;
    const check = await database.pool.query<{ renewed: string }>(
      `SELECT count(*) AS renewed FROM subscriptions WHERE current_period_start = '2027-02-28T00:00:00Z'`,
    );
    const renewed = Number(check.rows[0]?.renewed ?? 0);
    if (renewed !== count || handled !== count)
      throw new Error(`expected ${count} renewals, saw ${renewed} rows renewed and ${handled} steps handled`);

    const perSecond = (ms: number) => Math.round((count / ms) * 1000).toLocaleString('en-US');
    console.log('');
    printTable(
      ['what', 'rows', 'time', 'rows/s', 'vs baseline'],
      [
        [
          'baseline: batched INSERT (1,000 rows/statement)',
          count.toLocaleString('en-US'),
          formatMs(insertMs),
          perSecond(insertMs),
          '1.00×',
        ],
        [
          'renew all (advance test clock one period)',
          count.toLocaleString('en-US'),
          formatMs(renewMs),
          perSecond(renewMs),
          `${(renewMs / insertMs).toFixed(2)}× the time`,
        ],
        [
          'set-up: create customer + subscription (service layer)',
          count.toLocaleString('en-US'),
          formatMs(createMs),
          perSecond(createMs),
          '',
        ],
      ],
    );
    console.log('');
    console.log(
      `Goal: renew ${count.toLocaleString('en-US')} subscriptions in under ${goalMs / 1000} s — ${renewMs < goalMs ? 'met' : 'MISSED'} (${(renewMs / 1000).toFixed(2)} s).`,
    );
  } finally {
    await setup.close();
    await database.close();
    await withServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

await main();
