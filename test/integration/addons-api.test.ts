import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAddonPrice } from '../../src/modules/catalog/index.js';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Add-ons (extras and configurable options) through the JSON API. */

let t: TestApp;
let owner: BrowserClient;

interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}
interface AddonPriceJson {
  id: string;
  currency: string;
  intervalUnit: string;
  intervalCount: number;
  amount: number;
  version: number;
  supersededAt: string | null;
}
interface AddonJson {
  id: string;
  productId: string;
  code: string;
  name: string;
  description: string;
  optionGroup: string | null;
  maxQuantity: number;
  entitlementKeys: string[];
  archived: boolean;
  prices: AddonPriceJson[];
  priceHistory?: AddonPriceJson[];
}
interface ListJson {
  data: AddonJson[];
  nextCursor: string | null;
}

const rowCount = async (table: string) =>
  Number((await t.database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

async function newProduct(name: string, kind = 'service') {
  const response = await owner.sendJson('POST', '/api/v1/products', { name, kind });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

async function newAddon(productId: string, code: string, change: Record<string, unknown> = {}) {
  const response = await owner.sendJson('POST', '/api/v1/addons', {
    productId,
    code,
    name: `Add-on ${code}`,
    ...change,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<AddonJson>();
}

const setPrice = (addonId: string, body: Record<string, unknown>) =>
  owner.sendJson('POST', `/api/v1/addons/${addonId}/prices`, body);

async function auditActions(entityId: string) {
  const { rows } = await t.database.pool.query<{ action: string }>(
    'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id',
    [entityId],
  );
  return rows.map((row) => row.action);
}

let hosting = '';

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  hosting = await newProduct('VPS hosting');
});
afterAll(async () => t.close());

describe('creating add-ons', () => {
  it('stores code, group, quantity, entitlements and first prices per currency and interval', async () => {
    const response = await owner.sendJson('POST', '/api/v1/addons', {
      productId: hosting,
      code: 'RAM-4GB',
      name: '+4 GB RAM',
      description: 'More memory',
      optionGroup: '  RAM ',
      entitlementKeys: ['vps.ram.4'],
      prices: [
        { currency: 'usd', intervalUnit: 'month', amount: 400 },
        { currency: 'USD', intervalUnit: 'month', intervalCount: 3, amount: 1100 },
        { currency: 'EUR', intervalUnit: 'month', amount: 380 },
        { currency: 'USD', intervalUnit: 'year', amount: 4000 },
      ],
    });
    expect(response.statusCode).toBe(201);
    const addon = response.json<AddonJson>();
    expect(addon).toMatchObject({
      productId: hosting,
      code: 'ram-4gb',
      name: '+4 GB RAM',
      description: 'More memory',
      optionGroup: 'RAM',
      maxQuantity: 1,
      entitlementKeys: ['vps.ram.4'],
      archived: false,
    });
    expect(
      addon.prices.map((p) => `${p.currency} ${p.intervalCount} ${p.intervalUnit} ${p.amount} v${p.version}`),
    ).toEqual(['EUR 1 month 380 v1', 'USD 1 month 400 v1', 'USD 3 month 1100 v1', 'USD 1 year 4000 v1']);
    const detail = (await owner.getJson(`/api/v1/addons/${addon.id}`)).json<AddonJson>();
    expect(detail.priceHistory).toHaveLength(4);
    expect(await auditActions(addon.id)).toEqual(['addon.created']);
  });

  it('sells units: an extra stream up to 4, without a group', async () => {
    const media = await newProduct('Plex access', 'membership');
    const addon = await newAddon(media, 'extra-stream', { maxQuantity: 4, optionGroup: '' });
    expect(addon).toMatchObject({ maxQuantity: 4, optionGroup: null, prices: [], description: '' });
  });

  it.each([
    [{ prices: [{ currency: 'XYZ', intervalUnit: 'month', amount: 100 }] }, 'prices.0.currency', /ISO 4217/],
    [
      { prices: [{ currency: 'USD', intervalUnit: 'month', amount: 0 }] },
      'prices.0.amount',
      /more than zero/,
    ],
    [
      { prices: [{ currency: 'USD', intervalUnit: 'month', amount: -5 }] },
      'prices.0.amount',
      /more than zero/,
    ],
    [
      { prices: [{ currency: 'USD', intervalUnit: 'month', intervalCount: 0, amount: 5 }] },
      'prices.0.intervalCount',
      /at least 1/,
    ],
    [{ prices: [{ currency: 'USD', intervalUnit: 'one_time', amount: 5 }] }, 'prices.0.intervalUnit', /./],
    [
      {
        prices: [
          { currency: 'USD', intervalUnit: 'month', amount: 5 },
          { currency: 'usd', intervalUnit: 'month', intervalCount: 1, amount: 6 },
        ],
      },
      'prices',
      /USD 1 month more than once/,
    ],
    [{ maxQuantity: 0 }, 'maxQuantity', /at least 1/],
    [{ maxQuantity: 1001 }, 'maxQuantity', /at most 1000/],
    [{ code: 'Has Spaces' }, 'code', /letters, digits/],
    [{ name: '  ' }, 'name', /is required/],
    [{ entitlementKeys: ['ok.key', 'Not Valid'] }, 'entitlementKeys.1', /lowercase/],
    [{ optionGroup: 'x'.repeat(61) }, 'optionGroup', /at most 60/],
    [{ productId: 'not-a-product' }, 'productId', /product id/],
    [{ productId: '00000000-0000-4000-8000-000000000000' }, 'productId', /is not a product/],
  ])('refuses %j with a clear error on %s and creates nothing', async (change, field, reason) => {
    const [addons, prices] = [await rowCount('catalog_addons'), await rowCount('catalog_addon_prices')];
    const response = await owner.sendJson('POST', '/api/v1/addons', {
      productId: hosting,
      code: `refused-${addons}`,
      name: 'Refused',
      ...change,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json<ErrorJson>().error.fields?.[field]).toMatch(reason);
    expect([await rowCount('catalog_addons'), await rowCount('catalog_addon_prices')]).toEqual([
      addons,
      prices,
    ]);
  });

  it('keeps codes unique whatever their case', async () => {
    await newAddon(hosting, 'backup-daily');
    const before = await rowCount('catalog_addons');
    const duplicate = await owner.sendJson('POST', '/api/v1/addons', {
      productId: hosting,
      code: 'BACKUP-Daily',
      name: 'Again',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<ErrorJson>().error.fields).toEqual({ code: 'is already in use' });
    expect(await rowCount('catalog_addons')).toBe(before);
  });

  it('takes none for an archived or a one-time product', async () => {
    const archived = await newProduct('Old hosting');
    await owner.sendJson('PATCH', `/api/v1/products/${archived}`, { archived: true });
    const refused = await owner.sendJson('POST', '/api/v1/addons', {
      productId: archived,
      code: 'too-late',
      name: 'Too late',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorJson>().error.message).toMatch(/archived/);
    const once = await newProduct('Install', 'one_time');
    const oneTime = await owner.sendJson('POST', '/api/v1/addons', {
      productId: once,
      code: 'install-extra',
      name: 'Extra',
    });
    expect(oneTime.statusCode).toBe(409);
    expect(oneTime.json<ErrorJson>().error.message).toMatch(/recurring plans/);
  });
});

describe('add-on prices', () => {
  it('are versioned per currency and interval: the old version is closed, not changed', async () => {
    const addon = await newAddon(hosting, 'ipv4-extra', {
      maxQuantity: 8,
      prices: [{ currency: 'USD', intervalUnit: 'month', amount: 200 }],
    });
    const first = addon.prices[0];
    const raised = await setPrice(addon.id, { currency: 'usd', intervalUnit: 'month', amount: 250 });
    expect(raised.statusCode).toBe(201);
    expect(raised.json<AddonPriceJson>()).toMatchObject({ amount: 250, version: 2, supersededAt: null });
    const same = await setPrice(addon.id, {
      currency: 'USD',
      intervalUnit: 'month',
      intervalCount: 1,
      amount: 250,
    });
    expect(same.json<AddonPriceJson>().version).toBe(2); // unchanged: no new version
    const quarterly = await setPrice(addon.id, {
      currency: 'USD',
      intervalUnit: 'month',
      intervalCount: 3,
      amount: 700,
    });
    expect(quarterly.json<AddonPriceJson>()).toMatchObject({ intervalCount: 3, version: 1 });
    const detail = (await owner.getJson(`/api/v1/addons/${addon.id}`)).json<AddonJson>();
    expect(detail.prices.map((p) => `${p.intervalCount} ${p.intervalUnit} ${p.amount}`)).toEqual([
      '1 month 250',
      '3 month 700',
    ]);
    expect(
      detail.priceHistory?.map(
        (p) =>
          `${p.intervalCount} ${p.intervalUnit} v${p.version} ${p.amount} ${p.supersededAt ? 'closed' : 'current'}`,
      ),
    ).toEqual(['1 month v2 250 current', '1 month v1 200 closed', '3 month v1 700 current']);
    // The version a subscriber bought is still there, unchanged.
    const { rows } = await t.database.pool.query<{ amount: string; superseded: boolean }>(
      'SELECT amount::text, superseded_at IS NOT NULL AS superseded FROM catalog_addon_prices WHERE id = $1',
      [first?.id],
    );
    expect(rows).toEqual([{ amount: '200', superseded: true }]);
    expect(await auditActions(addon.id)).toEqual(['addon.created', 'addon.price_set', 'addon.price_set']);
  });

  it('are found by currency and interval for subscriptions', async () => {
    const addon = await newAddon(hosting, 'ssd-100', {
      prices: [
        { currency: 'USD', intervalUnit: 'month', amount: 500 },
        { currency: 'USD', intervalUnit: 'month', intervalCount: 3, amount: 1400 },
      ],
    });
    await setPrice(addon.id, { currency: 'USD', intervalUnit: 'month', amount: 550 });
    const db = t.database.db;
    expect((await findAddonPrice(db, addon.id, 'usd', { unit: 'month', count: 1 }))?.amount).toBe(550n);
    expect((await findAddonPrice(db, addon.id, 'USD', { unit: 'month', count: 3 }))?.amount).toBe(1400n);
    expect(await findAddonPrice(db, addon.id, 'USD', { unit: 'month', count: 6 })).toBeNull();
    expect(await findAddonPrice(db, addon.id, 'EUR', { unit: 'month', count: 1 })).toBeNull();
    expect(await findAddonPrice(db, 'not-a-uuid', 'USD', { unit: 'month', count: 1 })).toBeNull();
  });

  it.each([
    [{ currency: 'XYZ', intervalUnit: 'month', amount: 100 }, 'currency', /ISO 4217/],
    [{ currency: 'USD', intervalUnit: 'month', amount: 0 }, 'amount', /more than zero/],
    [{ currency: 'USD', intervalUnit: 'month', amount: -1 }, 'amount', /more than zero/],
    [{ currency: 'USD', intervalUnit: 'week', intervalCount: 0, amount: 100 }, 'intervalCount', /at least 1/],
    [{ currency: 'USD', intervalUnit: 'fortnight', amount: 100 }, 'intervalUnit', /./],
  ])('refuses %j on %s and adds no version', async (body, field, reason) => {
    const addon = await newAddon(hosting, `bad-price-${await rowCount('catalog_addons')}`);
    const before = await rowCount('catalog_addon_prices');
    const response = await setPrice(addon.id, body);
    expect(response.statusCode).toBe(422);
    expect(response.json<ErrorJson>().error.fields?.[field]).toMatch(reason);
    expect(await rowCount('catalog_addon_prices')).toBe(before);
  });

  it('answer 404 for an add-on that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await owner.getJson(`/api/v1/addons/${missing}`)).statusCode).toBe(404);
    expect((await owner.getJson('/api/v1/addons/not-a-uuid')).statusCode).toBe(404);
    expect((await setPrice(missing, { currency: 'USD', intervalUnit: 'month', amount: 1 })).statusCode).toBe(
      404,
    );
    expect((await owner.sendJson('PATCH', `/api/v1/addons/${missing}`, { name: 'X' })).statusCode).toBe(404);
  });
});

describe('changing add-ons', () => {
  it('changes settings but never the code, writes nothing when nothing changes, archives and restores', async () => {
    const addon = await newAddon(hosting, 'cpu-2', { optionGroup: 'CPU' });
    const changed = await owner.sendJson('PATCH', `/api/v1/addons/${addon.id}`, {
      name: '+2 vCPU',
      maxQuantity: 2,
      optionGroup: null,
      entitlementKeys: ['vps.cpu.2'],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      name: '+2 vCPU',
      maxQuantity: 2,
      optionGroup: null,
      entitlementKeys: ['vps.cpu.2'],
      code: 'cpu-2',
    });
    const zero = await owner.sendJson('PATCH', `/api/v1/addons/${addon.id}`, { maxQuantity: 0 });
    expect(zero.statusCode).toBe(422);
    expect(zero.json<ErrorJson>().error.fields).toEqual({ maxQuantity: 'must be at least 1' });
    // The same values again: no write, no audit row.
    await owner.sendJson('PATCH', `/api/v1/addons/${addon.id}`, { name: '+2 vCPU', maxQuantity: 2 });
    const archived = await owner.sendJson('PATCH', `/api/v1/addons/${addon.id}`, { archived: true });
    expect(archived.json<AddonJson>().archived).toBe(true);
    const frozen = await setPrice(addon.id, { currency: 'USD', intervalUnit: 'month', amount: 100 });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json<ErrorJson>().error.message).toMatch(/archived; restore it/);
    await owner.sendJson('PATCH', `/api/v1/addons/${addon.id}`, { archived: false });
    expect(
      (await setPrice(addon.id, { currency: 'USD', intervalUnit: 'month', amount: 100 })).statusCode,
    ).toBe(201);
    expect(await auditActions(addon.id)).toEqual([
      'addon.created',
      'addon.updated',
      'addon.archived',
      'addon.restored',
      'addon.price_set',
    ]);
  });
});

describe('listing add-ons', () => {
  it('filters by product, status and name or code, sorts, and pages by cursor', async () => {
    const game = await newProduct('Game server');
    await newAddon(game, 'slots-10', { name: 'Ten more slots', maxQuantity: 5 });
    await newAddon(game, 'mods', { name: 'Mod pack' });
    const old = await newAddon(game, 'backups-old', { name: 'Old backups' });
    await owner.sendJson('PATCH', `/api/v1/addons/${old.id}`, { archived: true });
    const list = async (query: string) => (await owner.getJson(`/api/v1/addons?${query}`)).json<ListJson>();

    const all = await list(`product=${game}`);
    expect(all.data.map((a) => a.name)).toEqual(['Mod pack', 'Old backups', 'Ten more slots']);
    expect(all.nextCursor).toBeNull();
    expect((await list(`product=${game}&status=active`)).data.map((a) => a.code)).toEqual([
      'mods',
      'slots-10',
    ]);
    expect((await list(`product=${game}&status=archived`)).data.map((a) => a.code)).toEqual(['backups-old']);
    expect((await list(`product=${game}&q=SLOTS`)).data.map((a) => a.code)).toEqual(['slots-10']);
    expect((await list(`product=${game}&q=pack`)).data.map((a) => a.code)).toEqual(['mods']);
    expect((await list(`product=${game}&sort=code&dir=desc`)).data.map((a) => a.code)).toEqual([
      'slots-10',
      'mods',
      'backups-old',
    ]);
    expect((await list('product=not-a-uuid')).data).toEqual([]);
    // Every add-on of every product, two at a time, none skipped or repeated.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ListJson = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await rowCount('catalog_addons'));
    const other = await owner.getJson(
      `/api/v1/addons?limit=2&sort=code&cursor=${(await list('limit=1')).nextCursor}`,
    );
    expect(other.statusCode).toBe(422);
    expect(other.json<ErrorJson>().error.fields?.['cursor']).toMatch(/another sort/);
  });

  it('lets a viewer read but not change add-ons', async () => {
    await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'addon-viewer@example.com',
      name: 'Viewer',
      role: 'viewer',
      password: 'viewer long password',
    });
    const viewer = await signIn(t.app, 'addon-viewer@example.com', 'viewer long password', '10.61.0.1');
    const page = await viewer.getJson('/api/v1/addons');
    expect(page.statusCode).toBe(200);
    const [first] = page.json<ListJson>().data;
    expect(first).toBeDefined();
    expect((await viewer.getJson(`/api/v1/addons/${first?.id}`)).statusCode).toBe(200);
    const before = await rowCount('audit_events');
    const writes = [
      await viewer.sendJson('POST', '/api/v1/addons', { productId: hosting, code: 'nope', name: 'Nope' }),
      await viewer.sendJson('PATCH', `/api/v1/addons/${first?.id}`, { name: 'Nope' }),
      await viewer.sendJson('POST', `/api/v1/addons/${first?.id}/prices`, {
        currency: 'USD',
        intervalUnit: 'month',
        amount: 1,
      }),
    ];
    expect(writes.map((response) => response.statusCode)).toEqual([403, 403, 403]);
    expect(await rowCount('audit_events')).toBe(before);
  });
});
