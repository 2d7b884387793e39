// Bill-run bench: `npm run bench:bill-run [-- --count 1000000]`. Makes N due subscriptions on a
// scratch PostgreSQL database — up to 5,000 customers subscribed through the service layer, the rest
// SQL copies of them — each with its first monthly period waiting to be billed, then times two bill
// runs started at the same moment over the same subscriptions, and checks they made exactly one
// invoice per period. The same-run baseline
// is a set-based INSERT … SELECT writing the same rows (invoices + lines) from the same charges.
// The server comes from BENCH_DATABASE_URL (default: the local PostgreSQL).
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { FixedClock } from '../src/lib/clock.js';
import { invoiceDueWork } from '../src/modules/invoicing/index.js';
import { formatMs, printTable } from './lib/stats.js';
import {
  cloneSubscribedCustomers,
  countArgument,
  subscribedCustomers,
  withScratchDatabase,
} from './lib/subscription-world.js';

// Subscriptions per bill-run transaction: the default of TOLLGATE_BILL_RUN_BATCH_SIZE.
const batchSize = 2000;
// Customers made through the service layer; the rest are copies (see cloneSubscribedCustomers).
const madeThroughService = 5000;

const numbering = {
  invoiceNumberFormat: 'INV-{YYYY}-{0000000}',
  creditNoteNumberFormat: 'CN-{YYYY}-{0000000}',
  applyBalanceToInvoices: true,
};

/** Peak resident memory while `work` runs, sampled every 50 ms. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/** The raw limit: the same invoice and line rows written by the database alone, set-based. */
async function insertSelect(pool: pg.Pool): Promise<number> {
  // Same columns, defaults, checks and indexes as the real tables: the same rows cost the same writes.
  await pool.query('CREATE TABLE bench_invoices (LIKE invoices INCLUDING ALL)');
  await pool.query('CREATE TABLE bench_invoice_lines (LIKE invoice_lines INCLUDING ALL)');
  const started = performance.now();
  await pool.query(`
    INSERT INTO bench_invoices (id, customer_id, subscription_id, test_clock_id, status, billing_reason, series,
      number, currency, period_start, period_end, subtotal, discount_total, tax_total, total, amount_paid,
      amount_credited, amount_due, payment_terms_days, memo, created_at, updated_at, finalized_at, due_at)
    SELECT gen_random_uuid(), s.customer_id, c.subscription_id, s.test_clock_id, 'open', 'subscription_cycle',
      'invoice', 'B-' || row_number() OVER (), c.currency, c.period_start, c.period_end, c.amount, 0, 0,
      c.amount, 0, 0, c.amount, 0, '', c.created_at, now(), c.created_at, c.created_at
    FROM subscription_charges c JOIN subscriptions s ON s.id = c.subscription_id
    WHERE c.kind = 'period_charge'`);
  await pool.query(`
    INSERT INTO bench_invoice_lines (invoice_id, kind, description, quantity, unit_amount, amount, period_start, period_end)
    SELECT i.id, 'subscription_period', 'Monthly', 1, i.total, i.total, i.period_start, i.period_end
    FROM bench_invoices i`);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const count = countArgument(100_000);
  await withScratchDatabase(6, async ({ setup, measured: database }) => {
    const clock = new FixedClock('2027-01-01T00:00:00Z');
    const { testClock } = await subscribedCustomers(setup, clock, Math.min(count, madeThroughService));
    await cloneSubscribedCustomers(setup, count);
    const periods = count;

    console.log('Baseline: INSERT … SELECT of the same invoices and lines…');
    const baselineMs = await insertSelect(database.pool);

    console.log('Two bill runs at the same moment over the same subscriptions…');
    const work = invoiceDueWork({ db: database.db, clock, ...numbering }, batchSize);
    const scope = { testClockId: testClock.id };
    const until = new Date('2027-03-01T00:00:00Z');
    const started = performance.now();
    const { result: handled, peakMb } = await withPeakMemory(() =>
      Promise.all([work.runDue(scope, until), work.runDue(scope, until)]),
    );
    const runMs = performance.now() - started;
    const check = await database.pool.query<{ invoices: string; duplicates: string }>(`
      SELECT (SELECT count(*) FROM invoices) AS invoices,
             (SELECT count(*) FROM (SELECT 1 FROM invoices GROUP BY subscription_id, period_start HAVING count(*) > 1) d) AS duplicates`);
    const invoices = Number(check.rows[0]?.invoices);
    const duplicates = Number(check.rows[0]?.duplicates);
    if (invoices !== periods || duplicates !== 0 || handled[0] + handled[1] !== periods)
      throw new Error(
        `expected ${periods} invoices and no duplicate; saw ${invoices} and ${duplicates} duplicates`,
      );

    const perSecond = (ms: number) => Math.round((periods / ms) * 1000).toLocaleString('en-US');
    console.log('');
    printTable(
      ['what', 'invoices', 'time', 'invoices/s', 'vs raw limit', 'peak RSS'],
      [
        [
          'raw limit: INSERT … SELECT (invoices + lines)',
          periods.toLocaleString('en-US'),
          formatMs(baselineMs),
          perSecond(baselineMs),
          '1.00×',
          '',
        ],
        [
          'bill run: two runs at once (split by SKIP LOCKED)',
          periods.toLocaleString('en-US'),
          formatMs(runMs),
          perSecond(runMs),
          `${(runMs / baselineMs).toFixed(2)}× the time`,
          `${peakMb.toFixed(0)} MB`,
        ],
      ],
    );
    console.log('');
    console.log(`Runs handled ${handled[0]} and ${handled[1]}; duplicates: ${duplicates}.`);
  });
}

await main();
