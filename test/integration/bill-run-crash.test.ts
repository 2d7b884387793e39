import { spawn } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptionDueWork } from '../../src/modules/subscriptions/index.js';
import { advanceTestClock } from '../../src/modules/test-clocks/index.js';
import { cliEnv } from '../support/tollgate-process.js';
import { startLifecycleWorld, type LifecycleWorld } from '../support/lifecycle-world.js';

const mainScript = new URL('../../src/main.ts', import.meta.url).pathname;
const subscriptionsCount = 80;
const months = 3;

let world: LifecycleWorld;
let clockId = '';

/** A small, seeded generator: the same seed kills at the same moments. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * `tollgate bill-run --test-clock …` as a process. With `killAfterMs`, it is killed (SIGKILL) that
 * long after it first reports invoicing progress — so the kill lands while it works, however slow
 * the machine is to start it.
 */
async function billRun(killAfterMs?: number): Promise<number | null> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', mainScript, 'bill-run', '--test-clock', clockId],
    {
      // Small batches, so a kill can land between many commits.
      env: cliEnv({
        DATABASE_URL: world.url,
        TOLLGATE_LOG_LEVEL: 'error',
        TOLLGATE_BILL_RUN_BATCH_SIZE: '7',
      }),
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let timer: NodeJS.Timeout | undefined;
  child.stderr.on('data', (chunk: Buffer) => {
    if (killAfterMs !== undefined && !timer && /invoices: \d+ of \d+/.test(chunk.toString())) {
      timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    }
  });
  const code = await new Promise<number | null>((resolve) =>
    child.on('exit', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  return code;
}

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await world.db.execute<{ n: string }>(query);
  return Number(result.rows[0]?.n ?? -1);
}

beforeAll(async () => {
  world = await startLifecycleWorld();
  const product = await world.product('Crash product');
  const plan = await world.plan(product.id, {
    code: 'crash-monthly',
    name: 'Monthly',
    intervalUnit: 'month',
    prices: [{ currency: 'USD', amount: 700 }],
  });
  const { testClock } = await world.sandboxCustomer('2027-01-10T00:00:00Z');
  clockId = testClock.id;
  for (let index = 0; index < subscriptionsCount; index += 1) {
    const customer = await world.customerOn(clockId, `crash${index}@example.com`);
    await world.subscribe({ customerId: customer.id, planId: plan.id });
  }
  // Renew without invoicing, so every period's charge waits for the bill run under test.
  await advanceTestClock(
    {
      db: world.db,
      clock: world.clock,
      dueWork: [subscriptionDueWork({ db: world.db, clock: world.clock })],
    },
    clockId,
    { to: '2027-04-11T00:00:00Z' },
    world.actor,
  );
}, 120_000);
afterAll(async () => {
  await world.close();
});

describe('a bill run killed at random points', () => {
  it('leaves, after restarts, exactly one invoice per due period and a gap-free series', async () => {
    const periods = subscriptionsCount * (months + 1);
    expect(
      await count(sql`SELECT count(*) AS n FROM subscription_charges WHERE kind = 'period_charge'`),
    ).toBe(periods);

    const invoiced = () => count(sql`SELECT count(*) AS n FROM invoices WHERE subscription_id IS NOT NULL`);
    const seen: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = seeded(seed);
      const code = await billRun(Math.floor(random() * 200));
      if (code !== 0) seen.push(await invoiced());
    }
    expect(await billRun()).toBe(0); // and one run to the end
    // At least one kill landed in the middle of the work, not before or after it.
    expect(
      seen.some((done) => done > 0 && done < periods),
      `invoices after each kill: ${seen.join(', ')}`,
    ).toBe(true);

    expect(await count(sql`SELECT count(*) AS n FROM invoices WHERE subscription_id IS NOT NULL`)).toBe(
      periods,
    );
    expect(await count(sql`SELECT count(*) AS n FROM subscription_charges WHERE invoice_id IS NULL`)).toBe(0);
    expect(
      await count(
        sql`SELECT count(*) AS n FROM (SELECT 1 FROM invoices GROUP BY subscription_id, period_start HAVING count(*) > 1) d`,
      ),
    ).toBe(0);
    // Numbers 1..n with no gap: what a killed transaction took, its rollback gave back.
    expect(
      await count(
        sql`SELECT max(right(number, 6)::int) - count(*) AS n FROM invoices WHERE number IS NOT NULL`,
      ),
    ).toBe(0);
  }, 240_000);
});
