import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: BrowserClient;

interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}
interface PriceJson {
  currency: string;
  amount: number;
  setupFee: number;
  version: number;
  supersededAt: string | null;
}
interface PlanJson {
  id: string;
  code: string;
  intervalUnit: string;
  prices: PriceJson[];
  priceHistory?: PriceJson[];
  archived: boolean;
  oneTrialPerCustomer: boolean;
  reactivationGraceDays: number;
  creditsPerPeriod: number | null;
  creditUnit: string | null;
  creditRolloverCap: number | null;
  creditsOnPlanChange: string;
  creditExpiryDays: number | null;
}

const rowCount = async (table: string) =>
  Number((await t.database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

async function newProduct(name: string, kind = 'membership') {
  const response = await owner.sendJson('POST', '/api/v1/products', {
    name,
    kind,
    description: `${name} access`,
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

/** A change to a valid plan, the field it should be refused on, and the reason. */
type Refusal = [Record<string, unknown>, string, RegExp];

type PriceBody = { currency: string; amount: number; setupFee?: number };
const monthly = (code: string, prices: PriceBody[] = [{ currency: 'USD', amount: 999 }]) => ({
  code,
  name: code,
  intervalUnit: 'month',
  prices,
});

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
});
afterAll(async () => t.close());

describe('products', () => {
  it('are created, listed, searched, renamed and archived', async () => {
    const plex = await newProduct('Plex Premium');
    await newProduct('Discord VIP');
    await newProduct('GPU credits', 'credits');
    const list = (await owner.getJson('/api/v1/products?q=plex')).json<{
      data: { name: string; planCount: number }[];
      nextCursor: string | null;
    }>();
    expect(list.nextCursor).toBeNull();
    expect(list.data.map((p) => p.name)).toEqual(['Plex Premium']);
    await owner.sendJson('POST', `/api/v1/products/${plex}/plans`, monthly('plex-monthly'));
    await owner.sendJson('POST', `/api/v1/products/${plex}/plans`, monthly('plex-yearly'));
    const counted = (await owner.getJson('/api/v1/products?sort=name')).json<{
      data: { name: string; planCount: number }[];
    }>();
    expect(counted.data.map((p) => `${p.name}: ${p.planCount}`)).toEqual([
      'Discord VIP: 0',
      'GPU credits: 0',
      'Plex Premium: 2',
    ]);
    const credits = (await owner.getJson('/api/v1/products?kind=credits')).json<{ data: unknown[] }>();
    expect(credits.data).toHaveLength(1);
    const renamed = await owner.sendJson('PATCH', `/api/v1/products/${plex}`, {
      name: 'Plex 4K',
      archived: true,
    });
    expect(renamed.json()).toMatchObject({ name: 'Plex 4K', archived: true });
    expect(
      (await owner.getJson('/api/v1/products?status=archived')).json<{ data: unknown[] }>().data,
    ).toHaveLength(1);
    const restored = await owner.sendJson('PATCH', `/api/v1/products/${plex}`, { archived: false });
    expect(restored.json()).toMatchObject({ archived: false });
    const { rows } = await t.database.pool.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id',
      [plex],
    );
    // The second PATCH only restores: no empty "updated" row beside it.
    expect(rows.map((row) => row.action)).toEqual([
      'product.created',
      'product.updated',
      'product.archived',
      'product.restored',
    ]);
  });

  it('refuse bad input field by field and change nothing', async () => {
    const before = await rowCount('catalog_products');
    const bad = await owner.sendJson('POST', '/api/v1/products', { name: '  ', kind: 'membership' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<ErrorJson>().error.fields).toEqual({ name: 'is required' });
    const kind = await owner.sendJson('POST', '/api/v1/products', { name: 'X', kind: 'timeshare' });
    expect(kind.statusCode).toBe(422);
    expect(Object.keys(kind.json<ErrorJson>().error.fields ?? {})).toEqual(['kind']);
    expect(await rowCount('catalog_products')).toBe(before);
    expect((await owner.getJson('/api/v1/products/not-a-uuid')).statusCode).toBe(404);
    expect((await owner.getJson('/api/v1/products/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });
});

describe('plans and prices', () => {
  it('creates a plan with a price per currency and shows it on its product', async () => {
    const product = await newProduct('Jellyfin Family');
    const response = await owner.sendJson('POST', `/api/v1/products/${product}/plans`, {
      ...monthly('jelly-quarterly', [
        { currency: 'usd', amount: 2499 },
        { currency: 'EUR', amount: 2299, setupFee: 500 },
      ]),
      intervalCount: 3,
      trialDays: 7,
      entitlementKeys: ['jellyfin.family', 'discord.role.family'],
    });
    expect(response.statusCode).toBe(201);
    const plan = response.json<PlanJson>();
    expect(plan.prices.map((p) => [p.currency, p.amount, p.setupFee, p.version])).toEqual([
      ['EUR', 2299, 500, 1],
      ['USD', 2499, 0, 1],
    ]);
    const withPlans = (await owner.getJson(`/api/v1/products/${product}`)).json<{ plans: PlanJson[] }>();
    expect(withPlans.plans.map((p) => p.code)).toEqual(['jelly-quarterly']);
  });

  it.each<Refusal>([
    [{ prices: [{ currency: 'XYZ', amount: 999 }] }, 'prices.0.currency', /ISO 4217/],
    [{ prices: [{ currency: 'USD', amount: 0 }] }, 'prices.0.amount', /more than zero/],
    [{ prices: [{ currency: 'USD', amount: -5 }] }, 'prices.0.amount', /more than zero/],
    [{ prices: [{ currency: 'USD', amount: 5, setupFee: -1 }] }, 'prices.0.setupFee', /not be negative/],
    [{ prices: [] }, 'prices', /at least one price/],
    [{ intervalCount: 0 }, 'intervalCount', /at least 1/],
    [{ reactivationGraceDays: -1 }, 'reactivationGraceDays', /not be negative/],
    [{ reactivationGraceDays: 3651 }, 'reactivationGraceDays', /at most 3650/],
    [{ oneTrialPerCustomer: 'yes' }, 'oneTrialPerCustomer', /./],
    [{ code: 'Has Spaces' }, 'code', /letters, digits/],
    [{ creditsPerPeriod: 100 }, 'creditUnit', /required with credits/],
    ...['GPU:minutes', '9 lives', 'GPU  minutes', 'x'.repeat(41)].map((creditUnit): Refusal => [
      { creditsPerPeriod: 100, creditUnit },
      'creditUnit',
      /^must start with a letter and hold only letters, digits, _ and single spaces, at most 40/,
    ]),
    [{ creditRolloverCap: 100 }, 'creditRolloverCap', /^needs credits per period$/],
    [{ creditsOnPlanChange: 'carry' }, 'creditsOnPlanChange', /^needs credits per period$/],
    [{ creditsOnPlanChange: 'keep' }, 'creditsOnPlanChange', /forfeit.*carry/],
    [
      { creditsPerPeriod: 100, creditUnit: 'credits', creditRolloverCap: -1 },
      'creditRolloverCap',
      /more than zero/,
    ],
    [
      { creditsPerPeriod: 100, creditUnit: 'credits', creditExpiryDays: 90 },
      'creditExpiryDays',
      /^only applies to a one-time plan/,
    ],
    [{ intervalUnit: 'one_time' }, 'intervalUnit', /must repeat/],
    [
      {
        prices: [
          { currency: 'USD', amount: 1 },
          { currency: 'usd', amount: 2 },
        ],
      },
      'prices',
      /USD more than once/,
    ],
  ])('refuses %j with a clear error on %s and creates nothing', async (change, field, reason) => {
    const product = await newProduct(`Refusals ${field} ${JSON.stringify(change).length}`);
    const [plans, prices] = [await rowCount('catalog_plans'), await rowCount('catalog_prices')];
    const response = await owner.sendJson('POST', `/api/v1/products/${product}/plans`, {
      ...monthly(`refused-${plans}`),
      ...change,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json<ErrorJson>().error.fields?.[field]).toMatch(reason);
    expect([await rowCount('catalog_plans'), await rowCount('catalog_prices')]).toEqual([plans, prices]);
  });

  it('keeps plan codes unique and one-time products one-time', async () => {
    const product = await newProduct('Codes');
    expect(
      (await owner.sendJson('POST', `/api/v1/products/${product}/plans`, monthly('shared-code'))).statusCode,
    ).toBe(201);
    const duplicate = await owner.sendJson(
      'POST',
      `/api/v1/products/${product}/plans`,
      monthly('SHARED-code'),
    );
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<ErrorJson>().error.fields).toEqual({ code: 'is already in use' });
    const oneTime = await newProduct('Setup service', 'one_time');
    expect(
      (await owner.sendJson('POST', `/api/v1/products/${oneTime}/plans`, monthly('setup-monthly')))
        .statusCode,
    ).toBe(422);
    const pack = await owner.sendJson('POST', `/api/v1/products/${oneTime}/plans`, {
      ...monthly('setup-once'),
      intervalUnit: 'one_time',
    });
    expect(pack.json<PlanJson>().intervalUnit).toBe('one_time');
  });

  it('versions prices: the old one is closed, not changed (grandfathering)', async () => {
    const product = await newProduct('Versioned');
    const plan = (
      await owner.sendJson('POST', `/api/v1/products/${product}/plans`, monthly('versioned-monthly'))
    ).json<PlanJson>();
    const raised = await owner.sendJson('POST', `/api/v1/plans/${plan.id}/prices`, {
      currency: 'USD',
      amount: 1299,
    });
    expect(raised.statusCode).toBe(201);
    expect(raised.json<PriceJson>()).toMatchObject({ amount: 1299, version: 2, supersededAt: null });
    const same = await owner.sendJson('POST', `/api/v1/plans/${plan.id}/prices`, {
      currency: 'USD',
      amount: 1299,
    });
    expect(same.json<PriceJson>().version).toBe(2); // unchanged: no new version
    await owner.sendJson('POST', `/api/v1/plans/${plan.id}/prices`, { currency: 'GBP', amount: 1099 });
    const detail = (await owner.getJson(`/api/v1/plans/${plan.id}`)).json<PlanJson>();
    expect(detail.prices.map((p) => `${p.currency} ${p.amount}`)).toEqual(['GBP 1099', 'USD 1299']);
    expect(
      detail.priceHistory?.map(
        (p) => `${p.currency} v${p.version} ${p.amount} ${p.supersededAt ? 'closed' : 'current'}`,
      ),
    ).toEqual(['GBP v1 1099 current', 'USD v2 1299 current', 'USD v1 999 closed']);
  });

  it('archives a plan: its prices can no longer change, and an archived product takes no new plans', async () => {
    const product = await newProduct('Archiving');
    const plan = (
      await owner.sendJson('POST', `/api/v1/products/${product}/plans`, monthly('archiving-monthly'))
    ).json<PlanJson>();
    expect(
      (
        await owner.sendJson('PATCH', `/api/v1/plans/${plan.id}`, { archived: true, trialDays: 3 })
      ).json<PlanJson>().archived,
    ).toBe(true);
    const refused = await owner.sendJson('POST', `/api/v1/plans/${plan.id}/prices`, {
      currency: 'USD',
      amount: 1,
    });
    expect(refused.statusCode).toBe(409);
    await owner.sendJson('PATCH', `/api/v1/products/${product}`, { archived: true });
    expect(
      (await owner.sendJson('POST', `/api/v1/products/${product}/plans`, monthly('too-late'))).statusCode,
    ).toBe(409);
  });

  it('changes settings but never the code or interval, and audits every change', async () => {
    const product = await newProduct('Settings');
    const plan = (
      await owner.sendJson('POST', `/api/v1/products/${product}/plans`, monthly('settings-monthly'))
    ).json<PlanJson>();
    const changed = await owner.sendJson('PATCH', `/api/v1/plans/${plan.id}`, {
      name: 'Monthly',
      creditsPerPeriod: 500,
      creditUnit: 'credits',
      upgradeTiming: 'period_end',
    });
    expect(changed.json()).toMatchObject({
      name: 'Monthly',
      creditsPerPeriod: 500,
      creditUnit: 'credits',
      upgradeTiming: 'period_end',
      code: 'settings-monthly',
      intervalUnit: 'month',
    });
    const half = await owner.sendJson('PATCH', `/api/v1/plans/${plan.id}`, { creditUnit: null });
    expect(half.statusCode).toBe(422);
    const { rows } = await t.database.pool.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id',
      [plan.id],
    );
    expect(rows.map((row) => row.action)).toEqual(['plan.created', 'plan.updated']);
  });

  it('keep the credit rules of recurring plans and one-time packs, refusing those that do not fit', async () => {
    const product = await newProduct('GPU time', 'credits');
    const create = (body: Record<string, unknown>) =>
      owner.sendJson('POST', `/api/v1/products/${product}/plans`, body);
    const plain = (await create(monthly('gpu-plain'))).json<PlanJson>();
    expect(plain).toMatchObject({
      creditRolloverCap: null,
      creditsOnPlanChange: 'forfeit',
      creditExpiryDays: null,
    });
    const created = await create({
      ...monthly('gpu-monthly'),
      creditsPerPeriod: 1000,
      creditUnit: 'GPU minutes',
      creditRolloverCap: 500,
      creditsOnPlanChange: 'carry',
    });
    expect(created.statusCode).toBe(201);
    const monthlyPlan = created.json<PlanJson>();
    expect(monthlyPlan).toMatchObject({
      creditsPerPeriod: 1000,
      creditUnit: 'GPU minutes',
      creditRolloverCap: 500,
      creditsOnPlanChange: 'carry',
      creditExpiryDays: null,
    });
    const pack = await create({
      ...monthly('gpu-pack'),
      intervalUnit: 'one_time',
      creditsPerPeriod: 5000,
      creditUnit: 'GPU minutes',
      creditExpiryDays: 90,
    });
    expect(pack.statusCode).toBe(201);
    const packPlan = pack.json<PlanJson>();
    expect(packPlan).toMatchObject({
      creditExpiryDays: 90,
      creditRolloverCap: null,
      creditsOnPlanChange: 'forfeit',
    });

    // A pack has no next period and is never changed to another plan; without credits, no expiry.
    const plans = await rowCount('catalog_plans');
    const packOf = (change: Record<string, unknown>) =>
      create({ ...monthly(`gpu-pack-${plans}`), intervalUnit: 'one_time', ...change });
    const packRefusals: [Record<string, unknown>, Record<string, string>][] = [
      [
        { creditsPerPeriod: 10, creditUnit: 'credits', creditRolloverCap: 5, creditsOnPlanChange: 'carry' },
        {
          creditRolloverCap: 'only applies to a recurring plan',
          creditsOnPlanChange: 'only applies to a recurring plan',
        },
      ],
      [{ creditExpiryDays: 30 }, { creditExpiryDays: 'needs credits per period' }],
      [
        { creditsPerPeriod: 10, creditUnit: 'credits', creditExpiryDays: 0 },
        { creditExpiryDays: 'must be at least 1' },
      ],
    ];
    for (const [change, fields] of packRefusals) {
      const refused = await packOf(change);
      expect(refused.statusCode).toBe(422);
      expect(refused.json<ErrorJson>().error.fields).toEqual(fields);
    }
    expect(await rowCount('catalog_plans')).toBe(plans);

    const patch = (id: string, body: Record<string, unknown>) =>
      owner.sendJson('PATCH', `/api/v1/plans/${id}`, body);
    const read = async (id: string) => (await owner.getJson(`/api/v1/plans/${id}`)).json<PlanJson>();
    // Credits cannot go while rules that need them stay; the plan is left as it was.
    const orphaned = await patch(monthlyPlan.id, { creditsPerPeriod: null, creditUnit: null });
    expect(orphaned.statusCode).toBe(422);
    expect(orphaned.json<ErrorJson>().error.fields).toEqual({
      creditRolloverCap: 'needs credits per period',
      creditsOnPlanChange: 'needs credits per period',
    });
    const expiring = await patch(monthlyPlan.id, { creditExpiryDays: 30 });
    expect(expiring.json<ErrorJson>().error.fields).toEqual({
      creditExpiryDays: 'only applies to a one-time plan (a credit pack)',
    });
    expect(await read(monthlyPlan.id)).toMatchObject(monthlyPlan);

    const changed = await patch(monthlyPlan.id, { creditRolloverCap: null, creditsOnPlanChange: 'forfeit' });
    expect(changed.statusCode).toBe(200);
    expect(await read(monthlyPlan.id)).toMatchObject({
      creditRolloverCap: null,
      creditsOnPlanChange: 'forfeit',
    });
    const dropped = await patch(monthlyPlan.id, { creditsPerPeriod: null, creditUnit: null });
    expect(dropped.json<PlanJson>()).toMatchObject({ creditsPerPeriod: null, creditUnit: null });
    expect(
      (await patch(packPlan.id, { creditExpiryDays: null })).json<PlanJson>().creditExpiryDays,
    ).toBeNull();

    const { rows } = await t.database.pool.query<{ before: unknown; after: unknown }>(
      "SELECT before, after FROM audit_events WHERE entity_id = $1 AND action = 'plan.updated' ORDER BY id",
      [monthlyPlan.id],
    );
    expect(rows[0]?.before).toMatchObject({ creditRolloverCap: '500', creditsOnPlanChange: 'carry' });
    expect(rows[0]?.after).toMatchObject({ creditRolloverCap: null, creditsOnPlanChange: 'forfeit' });
  });

  it('give the trial once per customer and 30 days to reactivate, unless told otherwise', async () => {
    const product = await newProduct('Trial rules');
    const plain = (
      await owner.sendJson('POST', `/api/v1/products/${product}/plans`, monthly('rules-default'))
    ).json<PlanJson>();
    expect(plain).toMatchObject({ oneTrialPerCustomer: true, reactivationGraceDays: 30 });
    const custom = await owner.sendJson('POST', `/api/v1/products/${product}/plans`, {
      ...monthly('rules-custom'),
      trialDays: 7,
      oneTrialPerCustomer: false,
      reactivationGraceDays: 0,
    });
    expect(custom.statusCode).toBe(201);
    expect(custom.json()).toMatchObject({ oneTrialPerCustomer: false, reactivationGraceDays: 0 });
    const changed = await owner.sendJson('PATCH', `/api/v1/plans/${plain.id}`, {
      oneTrialPerCustomer: false,
      reactivationGraceDays: 14,
    });
    expect(changed.statusCode).toBe(200);
    expect((await owner.getJson(`/api/v1/plans/${plain.id}`)).json()).toMatchObject({
      oneTrialPerCustomer: false,
      reactivationGraceDays: 14,
      trialDays: 0,
    });
    const negative = await owner.sendJson('PATCH', `/api/v1/plans/${plain.id}`, {
      reactivationGraceDays: -3,
    });
    expect(negative.statusCode).toBe(422);
    expect(negative.json<ErrorJson>().error.fields).toEqual({
      reactivationGraceDays: 'must not be negative',
    });
    const fraction = await owner.sendJson('PATCH', `/api/v1/plans/${plain.id}`, {
      reactivationGraceDays: 1.5,
    });
    expect(fraction.statusCode).toBe(422);
    expect(Object.keys(fraction.json<ErrorJson>().error.fields ?? {})).toEqual(['reactivationGraceDays']);
    const { rows } = await t.database.pool.query<{ action: string; before: unknown; after: unknown }>(
      'SELECT action, before, after FROM audit_events WHERE entity_id = $1 ORDER BY id',
      [plain.id],
    );
    expect(rows.map((row) => row.action)).toEqual(['plan.created', 'plan.updated']);
    expect(rows[1]?.before).toMatchObject({ oneTrialPerCustomer: true, reactivationGraceDays: 30 });
    expect(rows[1]?.after).toMatchObject({ oneTrialPerCustomer: false, reactivationGraceDays: 14 });
  });

  it('lets a viewer read but not change the catalog', async () => {
    await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'cat-viewer@example.com',
      name: 'Viewer',
      role: 'viewer',
      password: 'viewer long password',
    });
    const viewer = await signIn(t.app, 'cat-viewer@example.com', 'viewer long password', '10.60.0.1');
    expect((await viewer.getJson('/api/v1/products')).statusCode).toBe(200);
    expect(
      (await viewer.sendJson('POST', '/api/v1/products', { name: 'Nope', kind: 'service' })).statusCode,
    ).toBe(403);
  });
});
