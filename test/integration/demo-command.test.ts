import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { runCli } from '../support/tollgate-process.js';

// `tollgate demo` run as a person would, on fresh databases, then read back with plain SQL.
let first: TestDatabase;
let second: TestDatabase;
let client: pg.Client;
let demo: Awaited<ReturnType<typeof runCli>>;
const demoArgs = ['demo', '--customers', '40', '--seed', '7'];

async function rows<T extends pg.QueryResultRow>(text: string, database = client): Promise<T[]> {
  return (await database.query<T>(text)).rows;
}

async function countOf(table: string, where = 'true'): Promise<number> {
  const [row] = await rows<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`);
  return Number(row?.n);
}

async function countsOf(tables: string[]): Promise<number[]> {
  const counts: number[] = [];
  for (const table of tables) counts.push(await countOf(table));
  return counts;
}

beforeAll(async () => {
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  demo = await runCli(demoArgs, { DATABASE_URL: first.url });
  client = new pg.Client({ connectionString: first.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await Promise.all([first?.drop(), second?.drop()]);
});

describe('tollgate demo', () => {
  it('finishes with a summary on stdout and progress on stderr', () => {
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/^Demo data is ready \(\d+\.\d s\)\./);
    expect(demo.stdout).toContain('5 products, 13 plans, 5 add-ons');
    expect(demo.stdout).toContain('40 (+3 sandbox customers on the test clock "Demo sandbox")');
    expect(demo.stdout).toMatch(/timeline +[\d,]+ steps: [\d,]+ by the bill run/);
    // Not a terminal here: plain lines, one per tenth of the year, ending at 100%.
    const lines = demo.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.at(-1)).toMatch(/^100% {2}\d{4}-\d\d-\d\d {2}40 customers, \d+ steps$/);
  });

  it('builds the catalog through the catalog module: plans, prices in three currencies, add-ons', async () => {
    const products = await rows<{ name: string; kind: string }>(
      'SELECT name, kind FROM catalog_products ORDER BY created_at',
    );
    expect(products).toEqual([
      { name: 'Plex – Movies & TV', kind: 'membership' },
      { name: 'Night Owls Discord', kind: 'membership' },
      { name: 'Pixelforge API', kind: 'credits' },
      { name: 'Pixelforge credit pack', kind: 'one_time' },
      { name: 'Game server', kind: 'service' },
    ]);
    const plex = await rows<{ code: string; interval: string; trial_days: number; keys: string[] }>(`
      SELECT code, concat(interval_count, ' ', interval_unit) AS interval, trial_days, entitlement_keys AS keys
      FROM catalog_plans WHERE code LIKE 'plex-%' ORDER BY created_at`);
    expect(plex.map((plan) => [plan.code, plan.interval, plan.trial_days])).toEqual([
      ['plex-1-month', '1 month', 7],
      ['plex-3-months', '3 month', 0],
      ['plex-6-months', '6 month', 0],
      ['plex-12-months', '1 year', 0],
    ]);
    expect(plex[0]?.keys).toEqual(['plex:movies', 'plex:tv']);
    // The monthly price rose during the year: version 1 is closed, version 2 is what new members pay.
    const monthly = await rows<{ currency: string; amount: string; version: number; current: boolean }>(`
      SELECT currency, amount, version, superseded_at IS NULL AS current FROM catalog_prices
      WHERE plan_id = (SELECT id FROM catalog_plans WHERE code = 'plex-1-month') AND currency = 'USD'
      ORDER BY version`);
    expect(monthly).toEqual([
      { currency: 'USD', amount: '1200', version: 1, current: false },
      { currency: 'USD', amount: '1300', version: 2, current: true },
    ]);
    const currencies = await rows<{ currency: string }>(
      'SELECT DISTINCT currency FROM catalog_prices ORDER BY currency',
    );
    expect(currencies.map((row) => row.currency)).toEqual(['EUR', 'GBP', 'USD']);
    const discord = await rows<{ code: string; keys: string[] }>(
      `SELECT code, entitlement_keys AS keys FROM catalog_plans WHERE code LIKE 'discord-%' ORDER BY code`,
    );
    expect(discord).toEqual([
      { code: 'discord-supporter-monthly', keys: ['discord:supporter'] },
      { code: 'discord-supporter-yearly', keys: ['discord:supporter'] },
      { code: 'discord-vip-monthly', keys: ['discord:supporter', 'discord:vip'] },
      { code: 'discord-vip-yearly', keys: ['discord:supporter', 'discord:vip'] },
    ]);
    const credits = await rows<{
      code: string;
      credits: string;
      unit: string;
      interval_unit: string | null;
    }>(`
      SELECT code, credits_per_period AS credits, credit_unit AS unit, interval_unit FROM catalog_plans
      WHERE code LIKE 'pixelforge-%' ORDER BY code`);
    expect(credits).toEqual([
      { code: 'pixelforge-pack-5000', credits: '5000', unit: 'credits', interval_unit: null },
      { code: 'pixelforge-pro', credits: '10000', unit: 'credits', interval_unit: 'month' },
      { code: 'pixelforge-starter', credits: '1000', unit: 'credits', interval_unit: 'month' },
    ]);
    const addons = await rows<{ name: string; option_group: string | null; max_quantity: number }>(
      'SELECT name, option_group, max_quantity FROM catalog_addons ORDER BY name',
    );
    expect(addons).toEqual([
      { name: '+16 GB RAM', option_group: 'RAM', max_quantity: 1 },
      { name: '+4 GB RAM', option_group: 'RAM', max_quantity: 1 },
      { name: '+8 GB RAM', option_group: 'RAM', max_quantity: 1 },
      { name: 'Daily backups', option_group: null, max_quantity: 1 },
      { name: 'Extra stream', option_group: null, max_quantity: 4 },
    ]);
    // The extra stream is priced for every plan length it can ride on.
    const streamIntervals = await rows<{ interval: string }>(`
      SELECT DISTINCT concat(interval_count, ' ', interval_unit) AS interval FROM catalog_addon_prices
      WHERE addon_id = (SELECT id FROM catalog_addons WHERE code = 'plex-extra-stream') ORDER BY 1`);
    expect(streamIntervals.map((row) => row.interval)).toEqual(['1 month', '1 year', '3 month', '6 month']);
  });

  it('makes the asked number of customers at example domains, with matching locales and zones', async () => {
    expect(await countOf('customers', 'test_clock_id IS NULL')).toBe(40);
    const customers = await rows<{
      email: string;
      currency: string;
      country: string;
      time_zone: string;
      created_at: Date;
    }>('SELECT email, currency, country, time_zone, created_at FROM customers WHERE test_clock_id IS NULL');
    for (const customer of customers) {
      expect(customer.email).toMatch(/^[a-z0-9.+]+@example\.(com|org|net)$/);
      expect(['USD', 'EUR', 'GBP']).toContain(customer.currency);
      if (customer.country === 'GB')
        expect([customer.currency, customer.time_zone]).toEqual(['GBP', 'Europe/London']);
      if (customer.country === 'DE')
        expect([customer.currency, customer.time_zone]).toEqual(['EUR', 'Europe/Berlin']);
      if (customer.country === 'US') expect(customer.time_zone).toMatch(/^America\//);
    }
    // They arrived over the past year, not all at once.
    const days = customers.map((customer) => (Date.now() - customer.created_at.getTime()) / 86_400_000);
    expect(Math.max(...days)).toBeGreaterThan(180);
    expect(Math.max(...days)).toBeLessThan(367);
    expect(await countOf('customer_identities')).toBeGreaterThan(0);
  });

  it('lives a year through the engine: renewals, trial ends, cancellations and changes on the timelines', async () => {
    const states = await rows<{ state: string; n: string }>(
      'SELECT state, count(*) AS n FROM subscriptions GROUP BY state',
    );
    const inState = Object.fromEntries(states.map((row) => [row.state, Number(row.n)]));
    expect(inState['active']).toBeGreaterThan(10);
    expect((inState['canceled'] ?? 0) + (inState['expired'] ?? 0)).toBeGreaterThan(0);
    // The sandbox's trials at least; real ones too when someone signed up in the last days.
    expect((inState['trialing'] ?? 0) + (inState['paused'] ?? 0)).toBeGreaterThan(0);
    const actions = await rows<{ action: string; actor_label: string; n: string }>(`
      SELECT action, actor_label, count(*) AS n FROM subscription_transitions GROUP BY 1, 2`);
    const count = (action: string, actor: string) =>
      Number(actions.find((row) => row.action === action && row.actor_label === actor)?.n ?? 0);
    expect(count('renewed', 'system')).toBeGreaterThan(40);
    expect(count('convert_trial', 'system')).toBeGreaterThan(0);
    expect(count('created', 'cli')).toBeGreaterThan(35);
    expect(count('cancel_scheduled', 'cli')).toBeGreaterThan(0);
    expect(count('addons_changed', 'cli')).toBeGreaterThan(0);
    expect(count('pause', 'cli')).toBeGreaterThan(0);
    expect(count('plan_changed', 'cli')).toBeGreaterThan(0);
    // Every renewal happened at a moment of the past year, never in the future.
    const [latest] = await rows<{ at: Date }>('SELECT max(occurred_at) AS at FROM subscription_transitions');
    expect(latest?.at.getTime()).toBeLessThanOrEqual(Date.now());
    const [renewedPeriods] = await rows<{ n: string }>(`
      SELECT count(*) AS n FROM subscriptions WHERE test_clock_id IS NULL
      AND current_period_start > created_at AND state = 'active'`);
    expect(Number(renewedPeriods?.n)).toBeGreaterThan(0);
  });

  it('writes outbox events and audit rows for what it did', async () => {
    expect(await countOf('outbox_events', "type = 'subscription.renewed'")).toBe(
      await countOf('subscription_transitions', "action = 'renewed'"),
    );
    expect(await countOf('outbox_events', "type = 'subscription.created'")).toBe(
      await countOf('subscriptions'),
    );
    expect(await countOf('audit_events', "actor_label = 'cli' AND action = 'customer.created'")).toBe(43);
    // People's changes are audited when they were made in the demo year, not when the demo ran.
    const [oldest] = await rows<{ at: Date }>('SELECT min(occurred_at) AS at FROM audit_events');
    expect(Date.now() - (oldest?.at.getTime() ?? 0)).toBeGreaterThan(360 * 86_400_000);
  });

  it('sets up a test clock with sandbox customers', async () => {
    const clocks = await rows<{ name: string; customers: string; subscriptions: string }>(`
      SELECT c.name, (SELECT count(*) FROM customers WHERE test_clock_id = c.id) AS customers,
        (SELECT count(*) FROM subscriptions WHERE test_clock_id = c.id) AS subscriptions
      FROM test_clocks c`);
    expect(clocks).toEqual([{ name: 'Demo sandbox', customers: '3', subscriptions: '3' }]);
  });

  it('refuses a database that has data, and changes nothing', async () => {
    const tables = [
      'customers',
      'catalog_products',
      'subscriptions',
      'subscription_transitions',
      'audit_events',
    ];
    const before = await countsOf(tables);
    const again = await runCli(demoArgs, { DATABASE_URL: first.url });
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      'error: This database already has 43 customers and 5 products; the demo only fills a fresh, empty database. Point DATABASE_URL or TOLLGATE_DATA_DIR at a new one.',
    );
    expect(again.stdout).toBe('');
    expect(await countsOf(tables)).toEqual(before);
  });

  it('makes the same customers from the same seed', async () => {
    const rerun = await runCli(demoArgs, { DATABASE_URL: second.url });
    expect(rerun.code, rerun.stderr).toBe(0);
    const other = new pg.Client({ connectionString: second.url });
    await other.connect();
    try {
      const people = `
        SELECT name, email, currency, locale, time_zone, city, country, tags,
          array(SELECT provider || ':' || external_id FROM customer_identities i WHERE i.customer_id = c.id ORDER BY 1) AS accounts,
          array(SELECT p.code FROM subscriptions s JOIN catalog_plans p ON p.id = s.plan_id
                WHERE s.customer_id = c.id ORDER BY s.created_at) AS plans
        FROM customers c ORDER BY email`;
      expect(await rows(people, other)).toEqual(await rows(people));
    } finally {
      await other.end();
    }
  });

  it('refuses a bad --customers with a usage error', async () => {
    const bad = await runCli(['demo', '--customers', 'lots'], { DATABASE_URL: second.url });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must be a whole number from 1 to 5000');
  });
});
