import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../src/modules/customers/index.js';
import {
  customerRanges,
  latestBillRun,
  listBillRuns,
  runBillRunRange,
  startBillRun,
  type BillRunContext,
} from '../../src/modules/system/index.js';
import { startLifecycleWorld, type LifecycleWorld } from '../support/lifecycle-world.js';
import { runCli } from '../support/tollgate-process.js';

/** Bill runs of the real world: started once, shared out by customer range, resumable. */

let world: LifecycleWorld;
let ctx: BillRunContext;
let planId = '';
let customers = 0;

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await world.db.execute<{ n: string }>(query);
  return Number(result.rows[0]?.n ?? -1);
}

/** `n` real (not sandbox) customers, each subscribed now: each first period is a bill due now. */
async function subscribers(n: number): Promise<void> {
  for (let index = 0; index < n; index += 1) {
    customers += 1;
    const customer = await createCustomer(
      world.customers,
      { email: `real${customers}@example.com`, name: `Real ${customers}`, currency: 'USD' },
      world.actor,
    );
    await world.subscribe({ customerId: customer.id, planId });
  }
}

const realInvoices = () => count(sql`SELECT count(*) AS n FROM invoices WHERE test_clock_id IS NULL`);

beforeAll(async () => {
  world = await startLifecycleWorld();
  ctx = { db: world.db, clock: world.clock, dueWork: world.testClocks.dueWork };
  const product = await world.product('Run product');
  planId = (
    await world.plan(product.id, {
      code: 'run-monthly',
      name: 'Monthly',
      intervalUnit: 'month',
      prices: [{ currency: 'USD', amount: 900 }],
    })
  ).id;
}, 60_000);
afterAll(async () => {
  await world.close();
});

describe('customer ranges', () => {
  it('split the id space into adjoining ranges, open at both ends', () => {
    expect(customerRanges(1)).toEqual([{}]);
    expect(customerRanges(4)).toEqual([
      { to: '40000000-0000-0000-0000-000000000000' },
      { from: '40000000-0000-0000-0000-000000000000', to: '80000000-0000-0000-0000-000000000000' },
      { from: '80000000-0000-0000-0000-000000000000', to: 'c0000000-0000-0000-0000-000000000000' },
      { from: 'c0000000-0000-0000-0000-000000000000' },
    ]);
    const three = customerRanges(3);
    expect(three.map((range) => range.to)).toEqual([
      '55555555-0000-0000-0000-000000000000',
      'aaaaaaaa-0000-0000-0000-000000000000',
      undefined,
    ]);
  });
});

describe('a bill run', () => {
  it('starts only when something is due', async () => {
    expect(await startBillRun(ctx, 'schedule', 4)).toBeNull();
    expect(await latestBillRun(world.db)).toBeNull();
  });

  it('is shared out by range: ranges run at once bill every customer exactly once, then the run finishes', async () => {
    await subscribers(40);
    const run = await startBillRun(ctx, 'schedule', 4);
    expect(run).toMatchObject({ status: 'running', trigger: 'schedule', dueAtStart: 40, rangesDone: 0 });
    expect(run?.ranges.map((range) => range.position)).toEqual([0, 1, 2, 3]);
    // While it runs, no second run starts: the next minute's start finds it going.
    expect(await startBillRun(ctx, 'schedule', 4)).toBeNull();

    const handled = await Promise.all(
      [0, 1, 2, 3].map((position) => runBillRunRange(ctx, run!.id, position)),
    );
    expect(handled.reduce((sum, n) => sum + n, 0)).toBe(40);
    // Ids are random, so with 40 customers every quarter of the id space almost surely has some.
    expect(handled.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(await realInvoices()).toBe(40);
    expect(
      await count(
        sql`SELECT count(*) AS n FROM (SELECT 1 FROM invoices GROUP BY subscription_id, period_start HAVING count(*) > 1) d`,
      ),
    ).toBe(0);

    const finished = await latestBillRun(world.db);
    expect(finished).toMatchObject({ id: run!.id, status: 'finished', handled: 40, rangesDone: 4 });
    expect(finished?.finishedAt).not.toBeNull();
    // A range job delivered again does nothing.
    expect(await runBillRunRange(ctx, run!.id, 2)).toBe(0);
    expect(await realInvoices()).toBe(40);
    world.clock.advance(60_000);
  });

  it('continues a range left half-way and gives up a run that stopped moving', async () => {
    await subscribers(6);
    const run = await startBillRun(ctx, 'cli', 1);
    expect(run?.dueAtStart).toBe(6);
    // The process running it dies before doing anything: five minutes later the run is stale.
    world.clock.advance(6 * 60_000);
    await subscribers(2);
    const next = await startBillRun(ctx, 'schedule', 2);
    expect(next).not.toBeNull();
    await Promise.all([0, 1].map((position) => runBillRunRange(ctx, next!.id, position)));
    const runs = await listBillRuns(world.db, { page: 1, pageSize: 10 });
    expect(runs.total).toBe(3);
    expect(runs.rows.map((row) => [row.trigger, row.status])).toEqual([
      ['schedule', 'finished'],
      ['cli', 'failed'],
      ['schedule', 'finished'],
    ]);
    // A job of the failed run that turns up late does nothing.
    expect(await runBillRunRange(ctx, run!.id, 0)).toBe(0);
    expect(await realInvoices()).toBe(48);
    expect(await listBillRuns(world.db, { status: 'failed', page: 1, pageSize: 10 })).toMatchObject({
      total: 1,
    });
  });

  it('records progress per range as it goes', async () => {
    world.clock.advance(60_000);
    await subscribers(5);
    const run = await startBillRun(ctx, 'schedule', 1);
    const seen: string[] = [];
    await runBillRunRange(ctx, run!.id, 0, {
      progress: (work, done) => seen.push(`${work.name} ${done}`),
    });
    expect(seen).toEqual(['invoices 5']);
    expect(await latestBillRun(world.db)).toMatchObject({ handled: 5, status: 'finished' });
  });
});

describe('tollgate bill-run (real customers)', () => {
  it('records its run, bills what is due up to now with a summary, and then finds nothing due', async () => {
    // The CLI bills up to the real now: these customers subscribed on 20 October, so each has that
    // first month and, renewed on 20 November, a second one to bill.
    world.clock.advance(Date.parse('2026-10-20T00:00:00Z') - world.clock.now().getTime());
    await subscribers(3);
    const before = await realInvoices();
    const env = { DATABASE_URL: world.url };
    const first = await runCli(['bill-run'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(
      /^Bill run up to \S+ done\. subscriptions: 3, credit expiries: 0, invoices: 6\.\n$/,
    );
    expect(await realInvoices()).toBe(before + 6);
    // Recorded next to the scheduled runs (which this world's clock put in 2027, so not as the latest).
    const finished = await listBillRuns(world.db, { status: 'finished', page: 1, pageSize: 10 });
    expect(finished.rows.filter((run) => run.trigger === 'cli')).toMatchObject([
      { handled: 9, rangesDone: 1, dueAtStart: 6 },
    ]);

    const second = await runCli(['bill-run'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('Nothing is due.\n');
  });
});
