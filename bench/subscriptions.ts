// Renewal bench: `npm run bench:subscriptions [-- --count 100000]`. Creates N customers with
// subscriptions through the service layer on a scratch PostgreSQL database, then advances their test
// clock one period (every subscription renews: new period, timeline line, outbox event, the period's
// pending charge) and compares that with a plain batched INSERT of the same number of rows, measured
// in the same run. Only the subscriptions' due work runs: invoicing has its own bench. The server comes from BENCH_DATABASE_URL (any
// database on it; a scratch one is created and dropped), default the local PostgreSQL.
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { FixedClock } from '../src/lib/clock.js';
import { cliActor } from '../src/modules/audit/index.js';
import { subscriptionDueWork } from '../src/modules/subscriptions/index.js';
import { advanceTestClock } from '../src/modules/test-clocks/index.js';
import { formatMs, printTable } from './lib/stats.js';
import { countArgument, subscribedCustomers, withScratchDatabase } from './lib/subscription-world.js';

const goalMs = 10_000;
const insertBatch = 1000;

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
  const count = countArgument(100_000);
  await withScratchDatabase(4, async ({ setup, measured: database }) => {
    const clock = new FixedClock('2027-01-01T00:00:00Z');
    const { testClock, createMs } = await subscribedCustomers(setup, clock, count);

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
  });
}

await main();
