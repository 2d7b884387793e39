import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: BrowserClient;

interface CustomerJson {
  id: string;
  email: string;
  name: string;
  tags: string[];
  notes: string;
  mergedIntoId: string | null;
  identities?: { id: string; provider: string; externalId: string }[];
}
interface ErrorJson {
  error: { code: string; fields?: Record<string, string> };
}

const customerCount = async () =>
  Number((await t.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM customers')).rows[0]?.n);

async function newCustomer(email: string, extra: Record<string, unknown> = {}) {
  const response = await owner.sendJson('POST', '/api/v1/customers', {
    email,
    name: email.split('@')[0],
    currency: 'USD',
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<CustomerJson>();
}

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
});
afterAll(async () => t.close());

describe('customers', () => {
  it('are created with defaults, a normalised email, tags and an address', async () => {
    const created = await newCustomer('Alice@Example.com', {
      tags: ['VIP', 'plex', 'vip'],
      country: 'de',
      timeZone: 'Europe/Berlin',
      locale: 'de-DE',
      currency: 'eur',
    });
    expect(created).toMatchObject({
      email: 'alice@example.com',
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
      locale: 'de-DE',
      tags: ['plex', 'vip'],
      address: { country: 'DE' },
    });
    const fetched = (await owner.getJson(`/api/v1/customers/${created.id}`)).json<CustomerJson>();
    expect(fetched.identities).toEqual([]);
  });

  it.each([
    [{ email: 'not-an-email' }, 'email', /valid email/],
    [{ currency: 'XYZ' }, 'currency', /ISO 4217/],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone', /IANA time zone/],
    [{ locale: 'not a locale' }, 'locale', /language tag/],
    [{ country: 'XX' }, 'country', /country code/],
    [{ name: '' }, 'name', /required/],
  ])('refuses %j with a clear error and creates nothing', async (change, field, reason) => {
    const before = await customerCount();
    const response = await owner.sendJson('POST', '/api/v1/customers', {
      email: 'bad@example.com',
      name: 'Bad',
      currency: 'USD',
      ...change,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json<ErrorJson>().error.fields?.[field]).toMatch(reason);
    expect(await customerCount()).toBe(before);
  });

  it('keeps emails unique, on create and on change', async () => {
    await newCustomer('bob@example.com');
    const duplicate = await owner.sendJson('POST', '/api/v1/customers', {
      email: 'BOB@example.com',
      name: 'Bob 2',
      currency: 'USD',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<ErrorJson>().error.fields).toEqual({ email: 'is already in use' });
    const carol = await newCustomer('carol@example.com');
    const clash = await owner.sendJson('PATCH', `/api/v1/customers/${carol.id}`, {
      email: 'bob@example.com',
    });
    expect(clash.statusCode).toBe(409);
    const renamed = await owner.sendJson('PATCH', `/api/v1/customers/${carol.id}`, {
      name: 'Carol C.',
      notes: 'Pays by PayPal',
    });
    expect(renamed.json()).toMatchObject({
      name: 'Carol C.',
      notes: 'Pays by PayPal',
      email: 'carol@example.com',
    });
  });

  it('links outside accounts, one owner each, and finds customers by them', async () => {
    const dave = await newCustomer('dave@example.com');
    const discord = await owner.sendJson('POST', `/api/v1/customers/${dave.id}/identities`, {
      provider: 'discord',
      externalId: '80351110224678912',
      label: 'dave#0001',
    });
    expect(discord.statusCode).toBe(201);
    const erin = await newCustomer('erin@example.com');
    const taken = await owner.sendJson('POST', `/api/v1/customers/${erin.id}/identities`, {
      provider: 'discord',
      externalId: '80351110224678912',
    });
    expect(taken.statusCode).toBe(409);
    const found = (await owner.getJson('/api/v1/customers?q=80351110224678912')).json<{
      data: CustomerJson[];
    }>();
    expect(found.data.map((c) => c.email)).toEqual(['dave@example.com']);
    const badProvider = await owner.sendJson('POST', `/api/v1/customers/${erin.id}/identities`, {
      provider: 'myspace',
      externalId: 'x',
    });
    expect(badProvider.statusCode).toBe(422);
    const identityId = discord.json<{ id: string }>().id;
    expect(
      (
        await owner.request({
          method: 'DELETE',
          url: `/api/v1/customers/${dave.id}/identities/${identityId}`,
          headers: { accept: 'application/json' },
        })
      ).statusCode,
    ).toBe(204);
    expect((await owner.getJson(`/api/v1/customers/${dave.id}`)).json<CustomerJson>().identities).toEqual([]);
  });

  it('merges a duplicate: accounts, tags and notes move, the duplicate stays marked, history is kept', async () => {
    const keep = await newCustomer('frank@example.com', { tags: ['plex'] });
    const duplicate = await newCustomer('frank.old@example.com', { tags: ['discord'], notes: 'Old account' });
    await owner.sendJson('POST', `/api/v1/customers/${duplicate.id}/identities`, {
      provider: 'plex',
      externalId: 'frankplex',
    });
    const merged = await owner.sendJson('POST', `/api/v1/customers/${duplicate.id}/merge`, { into: keep.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({
      id: keep.id,
      tags: ['discord', 'plex'],
      notes: 'Merged from frank.old@example.com: Old account',
    });
    const kept = (await owner.getJson(`/api/v1/customers/${keep.id}`)).json<CustomerJson>();
    expect(kept.identities?.map((i) => i.externalId)).toEqual(['frankplex']);
    const old = (await owner.getJson(`/api/v1/customers/${duplicate.id}`)).json<CustomerJson>();
    expect(old.mergedIntoId).toBe(keep.id);
    expect(
      (await owner.getJson('/api/v1/customers?q=frank'))
        .json<{ data: CustomerJson[] }>()
        .data.map((c) => c.email),
    ).toEqual(['frank@example.com']);
    expect(
      (await owner.getJson('/api/v1/customers?status=merged')).json<{ data: unknown[] }>().data,
    ).toHaveLength(1);
    expect(
      (await owner.sendJson('PATCH', `/api/v1/customers/${duplicate.id}`, { name: 'x' })).statusCode,
    ).toBe(409);
    expect(
      (await owner.sendJson('POST', `/api/v1/customers/${keep.id}/merge`, { into: keep.id })).statusCode,
    ).toBe(422);
    // The merged-away email is free again for a new customer.
    expect(
      (
        await owner.sendJson('POST', '/api/v1/customers', {
          email: 'frank.old@example.com',
          name: 'New Frank',
          currency: 'USD',
        })
      ).statusCode,
    ).toBe(201);
    const { rows } = await t.database.pool.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE entity_type = 'customer' AND entity_id IN ($1, $2) AND action LIKE 'customer.merged%' ORDER BY action",
      [keep.id, duplicate.id],
    );
    expect(rows.map((row) => row.action)).toEqual(['customer.merged_away', 'customer.merged_in']);
  });

  it('filters by tag and currency, and pages', async () => {
    for (let i = 0; i < 6; i++)
      await newCustomer(`page${i}@example.com`, { tags: ['batch'], currency: i % 2 ? 'GBP' : 'USD' });
    const query = '/api/v1/customers?tag=batch&currency=gbp&sort=email&dir=asc&limit=2';
    const gbp = (await owner.getJson(query)).json<{ data: CustomerJson[]; nextCursor: string | null }>();
    expect(gbp.data.map((c) => c.email)).toEqual(['page1@example.com', 'page3@example.com']);
    expect(gbp.nextCursor).toEqual(expect.any(String));
    const rest = (await owner.getJson(`${query}&cursor=${gbp.nextCursor}`)).json<{
      data: CustomerJson[];
      nextCursor: string | null;
    }>();
    expect(rest.data.map((c) => c.email)).toEqual(['page5@example.com']);
    expect(rest.nextCursor).toBeNull();
  });

  it('lets support edit but not merge, and a viewer only read', async () => {
    await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'sup@example.com',
      name: 'Sup',
      role: 'support',
      password: 'support long password',
    });
    const support = await signIn(t.app, 'sup@example.com', 'support long password', '10.70.0.1');
    const made = await support.sendJson('POST', '/api/v1/customers', {
      email: 'bysupport@example.com',
      name: 'By Support',
      currency: 'USD',
    });
    expect(made.statusCode).toBe(201);
    const other = await newCustomer('other@example.com');
    expect(
      (
        await support.sendJson('POST', `/api/v1/customers/${made.json<{ id: string }>().id}/merge`, {
          into: other.id,
        })
      ).statusCode,
    ).toBe(403);
  });
});
