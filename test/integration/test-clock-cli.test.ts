import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/lib/clock.js';
import { openDatabase, type Database } from '../../src/lib/db/database.js';
import { runMigrations } from '../../src/lib/db/migrate.js';
import { createLogger } from '../../src/lib/logger.js';
import { cliActor } from '../../src/modules/audit/index.js';
import { createPlan, createProduct } from '../../src/modules/catalog/index.js';
import { createCustomer } from '../../src/modules/customers/index.js';
import { createSubscription, getSubscription } from '../../src/modules/subscriptions/index.js';
import { listTestClocks } from '../../src/modules/test-clocks/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { runCli } from '../support/tollgate-process.js';

// `tollgate test-clock …` as a person at a shell runs it, on a fresh database.
let testDatabase: TestDatabase;
let database: Database;
const cli = (...args: string[]) => runCli(['test-clock', ...args], { DATABASE_URL: testDatabase.url });

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = openDatabase(testDatabase.url, createLogger('silent'));
  await runMigrations(database.pool);
});

afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

describe('tollgate test-clock', () => {
  let clockId = '';
  let subscriptionId = '';

  it('says how to start when there are no clocks, then creates one at a given time', async () => {
    const empty = await cli('list');
    expect(empty.code).toBe(0);
    expect(empty.stdout.trim()).toBe(
      'No test clocks. Create one with: tollgate test-clock create --name "My sandbox"',
    );
    const created = await cli('create', '--name', 'Trial run', '--at', '2027-01-31T09:00:00Z');
    expect(created.code, created.stderr).toBe(0);
    const match =
      /^Created test clock "Trial run" \(id ([0-9a-f-]{36})\) at 2027-01-31T09:00:00\.000Z\.$/.exec(
        created.stdout.trim(),
      );
    expect(match).not.toBeNull();
    clockId = match?.[1] ?? '';

    const listed = await cli('list');
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID +TIME +STATUS +NAME$/);
    expect(lines[1]).toMatch(new RegExp(`^${clockId} +2027-01-31T09:00:00.000Z +ready +Trial run$`));
  });

  it('advances by a calendar span, running what falls due on the way, with progress on stderr', async () => {
    const ctx = { db: database.db, clock: new FixedClock('2027-01-20T00:00:00Z') };
    const product = await createProduct(ctx, { name: 'Plex', kind: 'membership' }, cliActor);
    const plan = await createPlan(
      ctx,
      product.id,
      {
        code: 'monthly',
        name: 'Monthly',
        intervalUnit: 'month',
        trialDays: 7,
        prices: [{ currency: 'USD', amount: 1200 }],
      },
      cliActor,
    );
    const customer = await createCustomer(
      ctx,
      { name: 'Sandy', email: 'sandy@example.com', currency: 'USD', testClockId: clockId },
      cliActor,
    );
    subscriptionId = (await createSubscription(ctx, { customerId: customer.id, planId: plan.id }, cliActor))
      .id;

    // 31 January + 1 month is the last day of February; the trial warning (4 Feb) and its end (7 Feb)
    // fall on the way, and the first paid period is invoiced as it begins.
    const advanced = await cli('advance', clockId, '--by', '1m');
    expect(advanced.code, advanced.stderr).toBe(0);
    expect(advanced.stdout.trim()).toBe(
      'Advanced test clock "Trial run" to 2027-02-28T09:00:00.000Z: 3 steps of due work handled.',
    );
    const progress = advanced.stderr.trim().split('\n');
    expect(progress.at(-1)).toBe('100%  2027-02-28T09:00:00.000Z  3 steps handled');
    const subscription = await getSubscription(database.db, subscriptionId);
    expect(subscription.state).toBe('active');
    expect(subscription.transitions[0]).toMatchObject({ action: 'convert_trial', actorLabel: 'system' });

    const exact = await cli('advance', clockId, '--to', '2027-03-07T09:00:00Z');
    expect(exact.stdout.trim()).toBe(
      'Advanced test clock "Trial run" to 2027-03-07T09:00:00.000Z: 2 steps of due work handled.',
    );
    expect((await getSubscription(database.db, subscriptionId)).transitions[0]?.action).toBe('renewed');
  });

  it('refuses unknown clocks, times in the past and unclear spans with a message and exit code 1', async () => {
    const [unknown, past, badSpan, both, neither, badAt] = await Promise.all([
      cli('advance', '00000000-0000-4000-8000-000000000000', '--by', '1d'),
      cli('advance', clockId, '--to', '2027-01-01T00:00:00Z'),
      cli('advance', clockId, '--by', '3 fortnights'),
      cli('advance', clockId, '--by', '1d', '--to', '2028-01-01T00:00:00Z'),
      cli('advance', clockId),
      cli('create', '--name', 'Bad', '--at', 'next tuesday'),
    ]);
    for (const result of [unknown, past, badSpan, both, neither, badAt]) {
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(unknown.stderr.trim()).toBe('error: No such test clock.');
    expect(past.stderr).toContain("to: must be after the clock's time, 2027-03-07T09:00:00.000Z");
    expect(badSpan.stderr).toContain('by: must be a number and d, w, m or y, such as 1d, 2w, 3m or 1y');
    expect(both.stderr).toContain('give either --to <time> or --by <span such as 2w>, not both');
    expect(neither.stderr).toContain('give either --to <time> or --by <span such as 2w>, not both');
    expect(badAt.stderr).toContain('at: must be a date and time');
    // Nothing moved.
    const [clock] = await listTestClocks(database.db);
    expect(clock?.frozenAt.toISOString()).toBe('2027-03-07T09:00:00.000Z');
    expect(await listTestClocks(database.db)).toHaveLength(1);
  });

  it('deletes a clock; its sandbox customers keep their history', async () => {
    const deleted = await cli('delete', clockId);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stdout.trim()).toBe(`Deleted test clock "Trial run" (id ${clockId}).`);
    expect(await listTestClocks(database.db)).toEqual([]);
    expect((await getSubscription(database.db, subscriptionId)).state).toBe('active');
  });
});
