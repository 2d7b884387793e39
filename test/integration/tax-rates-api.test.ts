import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTaxRate } from '../../src/modules/taxes/index.js';
import { BrowserClient, setUpOwner } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Tax rates through the JSON API, and how a customer's rate is resolved. */

let t: TestApp;
let owner: BrowserClient;

interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}
interface TaxRateJson {
  id: string;
  name: string;
  country: string;
  region: string | null;
  percent: string;
  ratePpm: number;
  inclusive: boolean;
  archived: boolean;
}
interface ListJson {
  data: TaxRateJson[];
  nextCursor: string | null;
}

async function newRate(body: Record<string, unknown>) {
  const response = await owner.sendJson('POST', '/api/v1/tax-rates', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<TaxRateJson>();
}

const patch = (id: string, body: Record<string, unknown>) =>
  owner.sendJson('PATCH', `/api/v1/tax-rates/${id}`, body);

async function auditActions(entityId: string) {
  const { rows } = await t.database.pool.query<{ action: string }>(
    'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id',
    [entityId],
  );
  return rows.map((row) => row.action);
}

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
});
afterAll(async () => t.close());

describe('creating tax rates', () => {
  it('stores the percentage exactly in parts per million, the country in capitals', async () => {
    const rate = await newRate({ name: ' NY sales tax ', country: 'us', region: 'NY', percent: '8.875' });
    expect(rate).toMatchObject({
      name: 'NY sales tax',
      country: 'US',
      region: 'NY',
      percent: '8.875',
      ratePpm: 88_750,
      inclusive: false,
      archived: false,
    });
    expect((await owner.getJson(`/api/v1/tax-rates/${rate.id}`)).json<TaxRateJson>()).toEqual(rate);
    expect(await auditActions(rate.id)).toEqual(['tax_rate.created']);
  });

  it('refuses what is not a rate, naming the field, and writes nothing', async () => {
    const before = (await owner.getJson('/api/v1/tax-rates')).json<ListJson>().data.length;
    const refusals: [Record<string, unknown>, string][] = [
      [{ name: 'VAT', country: 'FR', percent: 101 }, 'percent'],
      [{ name: 'VAT', country: 'FR', percent: '101' }, 'percent'],
      [{ name: 'VAT', country: 'FR', percent: 'abc' }, 'percent'],
      [{ name: 'VAT', country: 'FR', percent: '8.87501' }, 'percent'],
      [{ name: 'VAT', country: 'FR', percent: '-1' }, 'percent'],
      [{ name: 'Sales tax', country: 'USA', percent: '5' }, 'country'],
      [{ name: 'VAT', country: 'ZZ', percent: '5' }, 'country'],
      [{ name: '  ', country: 'FR', percent: '20' }, 'name'],
    ];
    for (const [body, field] of refusals) {
      const response = await owner.sendJson('POST', '/api/v1/tax-rates', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(422);
      expect(Object.keys(response.json<ErrorJson>().error.fields ?? {}), JSON.stringify(body)).toEqual([
        field,
      ]);
    }
    const abc = await owner.sendJson('POST', '/api/v1/tax-rates', {
      name: 'VAT',
      country: 'FR',
      percent: 'abc',
    });
    expect(abc.json<ErrorJson>().error.fields?.['percent']).toBe(
      'must be a percentage from 0 to 100 with at most 4 decimals, e.g. 19 or 8.875',
    );
    expect((await owner.getJson('/api/v1/tax-rates')).json<ListJson>().data).toHaveLength(before);
  });

  it('takes 0 % and 100 %, and inclusive rates', async () => {
    expect(await newRate({ name: 'Zero', country: 'HK', percent: '0' })).toMatchObject({ ratePpm: 0 });
    expect(await newRate({ name: 'All', country: 'AQ', percent: 100, inclusive: true })).toMatchObject({
      ratePpm: 1_000_000,
      percent: '100',
      inclusive: true,
    });
  });

  it('allows one active rate per country and region', async () => {
    await newRate({ name: 'MwSt', country: 'AT', percent: '20', inclusive: true });
    const twin = await owner.sendJson('POST', '/api/v1/tax-rates', {
      name: 'USt',
      country: 'at',
      percent: '10',
    });
    expect(twin.statusCode).toBe(409);
    expect(twin.json<ErrorJson>().error.message).toContain('"MwSt" is already the active rate for AT');
    // A region of the same country is another place.
    await newRate({ name: 'Vienna', country: 'AT', region: 'Wien', percent: '19' });
  });
});

describe('changing tax rates', () => {
  it('renames, and refuses to change the percentage or inclusive setting with the way to do it', async () => {
    const rate = await newRate({ name: 'VAT', country: 'GB', percent: '20', inclusive: true });
    const renamed = await patch(rate.id, { name: 'VAT (standard)' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json<TaxRateJson>().name).toBe('VAT (standard)');
    for (const change of [
      { percent: '17.5' },
      { inclusive: false },
      { country: 'IE' },
      { region: 'Wales' },
    ]) {
      const response = await patch(rate.id, { name: 'Other', ...change });
      expect(response.statusCode, JSON.stringify(change)).toBe(422);
      const error = response.json<ErrorJson>().error;
      expect(error.fields).toEqual({
        [Object.keys(change)[0]!]: 'cannot change on an existing rate: archive it and add a new one',
      });
      expect(error.message).toContain('Archive this rate and add a new one instead.');
    }
    expect((await owner.getJson(`/api/v1/tax-rates/${rate.id}`)).json<TaxRateJson>()).toMatchObject({
      name: 'VAT (standard)',
      ratePpm: 200_000,
      inclusive: true,
    });
    // The same name again changes nothing and records nothing.
    expect((await patch(rate.id, { name: 'VAT (standard)' })).statusCode).toBe(200);
    expect(await auditActions(rate.id)).toEqual(['tax_rate.created', 'tax_rate.updated']);
  });

  it('archives and restores; a new rate can replace an archived one, which then cannot come back', async () => {
    const old = await newRate({ name: 'TVA', country: 'FR', percent: '19.6' });
    const archived = await patch(old.id, { archived: true });
    expect(archived.json<TaxRateJson>().archived).toBe(true);
    const current = await newRate({ name: 'TVA', country: 'FR', percent: '20' });
    const restore = await patch(old.id, { archived: false });
    expect(restore.statusCode).toBe(409);
    await patch(current.id, { archived: true });
    expect((await patch(old.id, { archived: false })).json<TaxRateJson>().archived).toBe(false);
    expect(await auditActions(old.id)).toEqual([
      'tax_rate.created',
      'tax_rate.archived',
      'tax_rate.restored',
    ]);
    expect((await owner.getJson('/api/v1/tax-rates/not-a-rate')).statusCode).toBe(404);
  });
});

describe('listing tax rates', () => {
  it('filters by country and status, and pages by cursor without repeats', async () => {
    const french = (await owner.getJson('/api/v1/tax-rates?country=fr')).json<ListJson>().data;
    expect(french.map((rate) => `${rate.percent} ${rate.archived}`).sort()).toEqual([
      '19.6 false',
      '20 true',
    ]);
    const archived = (await owner.getJson('/api/v1/tax-rates?status=archived')).json<ListJson>().data;
    expect(archived.every((rate) => rate.archived)).toBe(true);
    const all = (await owner.getJson('/api/v1/tax-rates?limit=100')).json<ListJson>().data;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page: ListJson = (await owner.getJson(`/api/v1/tax-rates?limit=2${query}`)).json<ListJson>();
      seen.push(...page.data.map((rate) => rate.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((rate) => rate.id));
    expect(all.map((rate) => rate.country)).toEqual([...all.map((rate) => rate.country)].sort());
  });
});

describe("resolving a customer's tax", () => {
  const customer = (change: Partial<Parameters<typeof resolveTaxRate>[1]>) => ({
    country: 'DE',
    region: null,
    taxExempt: false,
    taxId: null,
    ...change,
  });

  it('takes the region rate, else the country rate, else none', async () => {
    await newRate({ name: 'US federal', country: 'US', percent: '0' });
    const db = t.database.db;
    expect((await resolveTaxRate(db, customer({ country: 'US', region: 'ny' }))).rate?.name).toBe(
      'NY sales tax',
    );
    expect((await resolveTaxRate(db, customer({ country: 'us', region: 'NY ' }))).rate?.ratePpm).toBe(88_750);
    expect((await resolveTaxRate(db, customer({ country: 'US', region: 'TX' }))).rate?.name).toBe(
      'US federal',
    );
    expect((await resolveTaxRate(db, customer({ country: 'US' }))).rate?.name).toBe('US federal');
    expect(await resolveTaxRate(db, customer({ country: 'DE' }))).toEqual({ rate: null, note: null });
    expect(await resolveTaxRate(db, customer({ country: null }))).toEqual({ rate: null, note: null });
  });

  it('skips archived rates', async () => {
    const rate = await newRate({ name: 'IVA', country: 'ES', percent: '21' });
    expect((await resolveTaxRate(t.database.db, customer({ country: 'ES' }))).rate?.id).toBe(rate.id);
    await patch(rate.id, { archived: true });
    expect((await resolveTaxRate(t.database.db, customer({ country: 'ES' }))).rate).toBeNull();
  });

  it('charges an exempt customer nothing, noting the reverse charge when they have a tax id', async () => {
    expect(await resolveTaxRate(t.database.db, customer({ country: 'AT', taxExempt: true }))).toEqual({
      rate: null,
      note: 'Tax exempt',
    });
    expect(
      await resolveTaxRate(t.database.db, customer({ country: 'AT', taxExempt: true, taxId: 'ATU12345678' })),
    ).toEqual({
      rate: null,
      note: 'Reverse charge: VAT to be accounted for by the recipient (tax id ATU12345678)',
    });
  });
});

describe("customers' tax exemption", () => {
  it('is false by default, set on create and changed on update, and audited', async () => {
    const created = await owner.sendJson('POST', '/api/v1/customers', {
      email: 'acme@example.com',
      name: 'Acme GmbH',
      currency: 'EUR',
      country: 'AT',
      taxId: 'ATU12345678',
      taxExempt: true,
    });
    expect(created.statusCode).toBe(201);
    const { id, taxExempt } = created.json<{ id: string; taxExempt: boolean }>();
    expect(taxExempt).toBe(true);
    const updated = await owner.sendJson('PATCH', `/api/v1/customers/${id}`, { taxExempt: false });
    expect(updated.json<{ taxExempt: boolean }>().taxExempt).toBe(false);
    const refused = await owner.sendJson('PATCH', `/api/v1/customers/${id}`, { taxExempt: 'yes' });
    expect(refused.statusCode).toBe(422);
    const plain = await owner.sendJson('POST', '/api/v1/customers', {
      email: 'plain@example.com',
      name: 'Plain',
      currency: 'EUR',
    });
    expect(plain.json<{ taxExempt: boolean }>().taxExempt).toBe(false);
    const { rows } = await t.database.pool.query<{ after: { taxExempt: boolean } }>(
      "SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'customer.updated'",
      [id],
    );
    expect(rows.map((row) => row.after.taxExempt)).toEqual([false]);
  });
});
