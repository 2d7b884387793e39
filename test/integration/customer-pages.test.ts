import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: BrowserClient;
const customerCount = async () =>
  Number((await t.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM customers')).rows[0]?.n);
const form = {
  name: 'Grace Hopper',
  email: 'grace@example.com',
  currency: 'usd',
  locale: 'en-US',
  timeZone: 'America/New_York',
  country: 'us',
  tags: 'vip, plex',
  notes: 'Found us on Reddit',
};

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
});
afterAll(async () => t.close());

describe('customer pages', () => {
  it('show an empty state first', async () => {
    const list = await owner.get('/admin/customers');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('No customers yet');
  });

  it('create a customer, or show each bad field and create nothing', async () => {
    const bad = await owner.submit('/admin/customers/new', '/admin/customers', {
      ...form,
      email: 'nope',
      timeZone: 'Moon/Base',
      country: 'XX',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="field-email-error">must be a valid email address');
    expect(bad.body).toContain('id="field-timeZone-error">must be an IANA time zone');
    expect(bad.body).toContain('id="field-country-error">must be a two-letter country code');
    expect(bad.body).toContain('value="Grace Hopper"');
    expect(await customerCount()).toBe(0);
    const created = await owner.submit('/admin/customers/new', '/admin/customers', form);
    expect(created.statusCode).toBe(303);
    const page = await owner.get(String(created.headers.location));
    expect(page.body).toContain('Grace Hopper');
    expect(page.body).toContain('America/New_York');
    expect(page.body).toContain('Customer created');
    const duplicate = await owner.submit('/admin/customers/new', '/admin/customers', {
      ...form,
      email: 'GRACE@example.com',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).toContain('id="field-email-error">is already in use');
  });

  it('edit details, link and unlink accounts, with a timeline', async () => {
    const id =
      (
        await t.database.pool.query<{ id: string }>(
          "SELECT id FROM customers WHERE email = 'grace@example.com'",
        )
      ).rows[0]?.id ?? '';
    const edit = await owner.submit(`/admin/customers/${id}/edit`, `/admin/customers/${id}`, {
      ...form,
      name: 'Grace B. Hopper',
      tags: 'vip',
    });
    expect(edit.statusCode).toBe(303);
    const link = await owner.submit(`/admin/customers/${id}`, `/admin/customers/${id}/identities`, {
      provider: 'discord',
      externalId: '123456789012345678',
      label: 'grace',
    });
    expect(link.statusCode).toBe(303);
    const page = await owner.get(`/admin/customers/${id}`);
    expect(page.body).toContain('Grace B. Hopper');
    expect(page.body).toContain('123456789012345678');
    expect(page.body).toContain('name: Grace Hopper → Grace B. Hopper');
    expect((await owner.get('/admin/customers?q=123456789012345678')).body).toContain('Grace B. Hopper');
    const identityId = /\/identities\/([0-9a-f-]{36})\/delete/.exec(page.body)?.[1] ?? '';
    expect(
      (
        await owner.submit(
          `/admin/customers/${id}`,
          `/admin/customers/${id}/identities/${identityId}/delete`,
          {},
        )
      ).statusCode,
    ).toBe(303);
    expect((await owner.get(`/admin/customers/${id}`)).body).toContain('Account unlinked');
    const badLink = await owner.submit(`/admin/customers/${id}`, `/admin/customers/${id}/identities`, {
      provider: 'discord',
      externalId: '',
    });
    expect(badLink.statusCode).toBe(422);
    expect(badLink.body).toContain('id="field-externalId-error">is required');
  });

  it('merge a duplicate by the email of the customer to keep', async () => {
    await owner.submit('/admin/customers/new', '/admin/customers', {
      ...form,
      name: 'Grace (old)',
      email: 'grace.old@example.com',
    });
    const oldId =
      (
        await t.database.pool.query<{ id: string }>(
          "SELECT id FROM customers WHERE email = 'grace.old@example.com'",
        )
      ).rows[0]?.id ?? '';
    const unknown = await owner.submit(`/admin/customers/${oldId}`, `/admin/customers/${oldId}/merge`, {
      into: 'nobody@example.com',
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('id="field-into-error">no active customer has this email');
    const merged = await owner.submit(`/admin/customers/${oldId}`, `/admin/customers/${oldId}/merge`, {
      into: 'grace@example.com',
    });
    expect(merged.statusCode).toBe(303);
    const page = await owner.get(`/admin/customers/${oldId}`);
    expect(page.body).toContain('merged into another customer');
    expect(page.body).not.toContain(`/admin/customers/${oldId}/edit`);
    const edit = await owner.submit(`/admin/customers/${oldId}/edit`, `/admin/customers/${oldId}`, {
      ...form,
      email: 'grace.old@example.com',
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.body).toContain('merged into another; change that one instead');
    expect((await owner.get('/admin/customers')).body).not.toContain('Grace (old)');
    expect((await owner.get('/admin/customers?status=merged')).body).toContain('Grace (old)');
  });

  it('let a viewer look but not change', async () => {
    await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'look@example.com',
      name: 'Look',
      role: 'viewer',
      password: 'viewer long password',
    });
    const viewer = await signIn(t.app, 'look@example.com', 'viewer long password', '10.80.0.1');
    expect((await viewer.get('/admin/customers')).statusCode).toBe(200);
    expect((await viewer.get('/admin/customers')).body).not.toContain('New customer');
    expect((await viewer.get('/admin/customers/new')).statusCode).toBe(403);
    const before = await customerCount();
    expect(
      (await viewer.submit('/admin/customers', '/admin/customers', { ...form, email: 'v@example.com' }))
        .statusCode,
    ).toBe(403);
    expect(await customerCount()).toBe(before);
    expect((await viewer.get('/admin/customers/not-a-uuid')).statusCode).toBe(404);
  });
});
