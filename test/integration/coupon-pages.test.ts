import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSandbox } from '../support/api-sandbox.js';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { fieldErrorText, pageText, toastText } from '../support/page-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The coupon admin pages: list, new coupon form and coupon page, driven like a browser. */

let t: TestApp;
let owner: BrowserClient;
const viewerPassword = 'viewer long password';
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

const idIn = (location: unknown) => uuid.exec(String(location))?.[0] ?? '';
const couponCount = async () =>
  Number((await t.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM coupons')).rows[0]?.n);

const couponForm = (change: Record<string, string> = {}) => ({
  name: 'Spring sale',
  percentOff: '',
  amountsOff: '',
  duration: 'once',
  durationPeriods: '',
  validFrom: '',
  validUntil: '',
  maxRedemptions: '',
  perCustomerLimit: '',
  ...change,
});

const submitCoupon = (change: Record<string, string> = {}) =>
  owner.submit('/admin/coupons/new', '/admin/coupons', couponForm(change));

async function newCoupon(change: Record<string, string> = {}) {
  const response = await submitCoupon(change);
  expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
  return idIn(response.headers.location);
}

let basicPlan = '';

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  const created = await owner.sendJson('POST', '/api/v1/staff-users', {
    email: 'val@example.com',
    name: 'Val Viewer',
    role: 'viewer',
    password: viewerPassword,
  });
  expect(created.statusCode).toBe(201);
  basicPlan = (await apiSandbox(owner).monthlyPlans('Jellyfin', { basic: 800 })).plans.basic;
});
afterAll(async () => t.close());

describe('the coupons list', () => {
  it('starts empty, saying what a coupon is, and links the sidebar', async () => {
    const page = await owner.get('/admin/coupons');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No coupons yet — create your first coupon');
    expect(page.body).toContain('href="/admin/coupons/new"');
    expect(page.body).toMatch(/href="\/admin\/coupons"[^>]*aria-current="page"/);
  });

  it('searches by name, filters by status and pages', async () => {
    await newCoupon({ name: 'List alpha', percentOff: '10' });
    await newCoupon({ name: 'List beta', percentOff: '10', validUntil: '2001-01-01T00:00' });
    const archived = await newCoupon({ name: 'List gamma', percentOff: '10' });
    await owner.submit(`/admin/coupons/${archived}`, `/admin/coupons/${archived}/status`, {
      archived: 'true',
    });

    const all = pageText((await owner.get('/admin/coupons?q=list&sort=name&dir=asc')).body);
    expect(all).toMatch(/List alpha.*List beta.*List gamma/);
    const expired = pageText((await owner.get('/admin/coupons?q=list&status=expired')).body);
    expect(expired).toContain('List beta');
    expect(expired).not.toContain('List alpha');
    const active = pageText((await owner.get('/admin/coupons?q=list&status=active')).body);
    expect(active).toContain('List alpha');
    expect(active).not.toContain('List beta');
    expect(active).not.toContain('List gamma');
    const archivedOnly = pageText((await owner.get('/admin/coupons?q=list&status=archived')).body);
    expect(archivedOnly).toContain('List gamma');
    const secondPage = pageText(
      (await owner.get('/admin/coupons?q=list&sort=name&dir=asc&per=10&page=2')).body,
    );
    expect(secondPage).not.toContain('List alpha');
  });
});

describe('the new coupon form', () => {
  it('creates a percentage coupon limited to a plan, then shows its page', async () => {
    const id = await newCoupon({
      name: 'Jellyfin launch',
      percentOff: '12.5',
      duration: 'repeating',
      durationPeriods: '3',
      planIds: basicPlan,
      maxRedemptions: '100',
      firstTimeOnly: 'true',
    });
    const page = await owner.get(`/admin/coupons/${id}`);
    expect(page.statusCode).toBe(200);
    expect(toastText(page.body)).toBe('Jellyfin launch created. Add a promotion code below.');
    const shown = pageText(page.body);
    expect(shown).toContain('12.5 % off');
    expect(shown).toContain('for 3 billing periods');
    expect(shown).toContain('Jellyfin · basic');
    expect(shown).toContain('0 of 100');
    expect(shown).toContain('First-time customers only yes');
    expect(shown).toContain('Coupon created');
  });

  it('reads fixed amounts per currency as decimals', async () => {
    const id = await newCoupon({ name: 'Five off', amountsOff: 'eur 5, USD 6.50' });
    const shown = pageText((await owner.get(`/admin/coupons/${id}`)).body);
    expect(shown).toContain('€5.00 · $6.50 off');
    expect(shown).toMatch(/Coupon created .* owner@example.com €5.00 · \$6.50 off · once /);
  });

  it('refuses bad input next to each field, keeping what was typed and creating nothing', async () => {
    const before = await couponCount();
    const neither = await submitCoupon({ name: 'Nothing off' });
    expect(neither.statusCode).toBe(422);
    expect(fieldErrorText(neither.body, 'percentOff')).toBe(
      'is required: give a percentage, or fixed amounts per currency (amountsOff)',
    );
    expect(neither.body).toContain('value="Nothing off"');
    const badAmount = await submitCoupon({ amountsOff: 'EUR 5.123' });
    expect(fieldErrorText(badAmount.body, 'amountsOff')).toBe('EUR must be a number with at most 2 decimals');
    const badCurrency = await submitCoupon({ amountsOff: 'XXQ 5' });
    expect(fieldErrorText(badCurrency.body, 'amountsOff')).toBe(
      'cannot read "XXQ 5": write a currency and an amount, e.g. EUR 5.00',
    );
    const tooMuch = await submitCoupon({ percentOff: '101' });
    expect(fieldErrorText(tooMuch.body, 'percentOff')).toBe('must be more than 0 and at most 100');
    const noPeriods = await submitCoupon({ percentOff: '10', duration: 'repeating' });
    expect(fieldErrorText(noPeriods.body, 'durationPeriods')).toBe(
      'is required for a repeating coupon: how many billing periods it applies to',
    );
    const backwards = await submitCoupon({
      percentOff: '10',
      validFrom: '2030-02-01T00:00',
      validUntil: '2030-01-01T00:00',
    });
    expect(fieldErrorText(backwards.body, 'validUntil')).toBe('must be after the start (valid from)');
    const zeroLimit = await submitCoupon({ percentOff: '10', maxRedemptions: '0' });
    expect(fieldErrorText(zeroLimit.body, 'maxRedemptions')).toBe(
      'must be a whole number of at least 1, or empty for no limit',
    );
    expect(await couponCount()).toBe(before);
  });
});

describe('the coupon page', () => {
  it('adds promotion codes, refuses a duplicate, and deactivates one', async () => {
    const id = await newCoupon({ name: 'Codes', percentOff: '20' });
    const add = (form: Record<string, string>) =>
      owner.submit(`/admin/coupons/${id}`, `/admin/coupons/${id}/promotion-codes`, {
        maxRedemptions: '',
        perCustomerLimit: '',
        expiresAt: '',
        ...form,
      });
    const added = await add({ code: 'Spring20', maxRedemptions: '50', firstTimeOnly: 'true' });
    expect(added.statusCode).toBe(303);
    let page = await owner.get(`/admin/coupons/${id}`);
    expect(toastText(page.body)).toBe('Code Spring20 added.');
    expect(pageText(page.body)).toMatch(/Spring20 active 0 of 50 no limit yes never/);

    const duplicate = await add({ code: 'SPRING20' });
    expect(duplicate.statusCode).toBe(409);
    expect(fieldErrorText(duplicate.body, 'code')).toBe(
      'is already in use (codes ignore upper and lower case)',
    );
    const bad = await add({ code: 'x' });
    expect(bad.statusCode).toBe(422);
    expect(fieldErrorText(bad.body, 'code')).toBe('must be 3–40 letters, digits, - or _');

    const codeId =
      /action="\/admin\/promotion-codes\/([0-9a-f-]{36})\/deactivate"/.exec(page.body)?.[1] ?? '';
    const off = await owner.submit(`/admin/coupons/${id}`, `/admin/promotion-codes/${codeId}/deactivate`, {});
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe(`/admin/coupons/${id}`);
    page = await owner.get(`/admin/coupons/${id}`);
    expect(pageText(page.body)).toMatch(/Spring20 inactive/);
    expect(pageText(page.body)).toContain('Promotion code deactivated');
  });

  it('lists redemptions with the customer and code', async () => {
    const id = await newCoupon({ name: 'Redeemed', percentOff: '15', duration: 'forever' });
    await owner.submit(`/admin/coupons/${id}`, `/admin/coupons/${id}/promotion-codes`, {
      code: 'FIFTEEN',
      maxRedemptions: '',
      perCustomerLimit: '',
      expiresAt: '',
    });
    expect(pageText((await owner.get(`/admin/coupons/${id}`)).body)).toContain('Not redeemed yet.');
    const customer = await owner.sendJson('POST', '/api/v1/customers', {
      email: 'robin@example.com',
      name: 'Robin Redeemer',
      currency: 'EUR',
    });
    const customerId = customer.json<{ id: string }>().id;
    const redeemed = await owner.sendJson('POST', `/api/v1/customers/${customerId}/redemptions`, {
      code: 'fifteen',
    });
    expect(redeemed.statusCode).toBe(201);
    const page = await owner.get(`/admin/coupons/${id}`);
    expect(page.body).toContain(`href="/admin/customers/${customerId}"`);
    expect(pageText(page.body)).toMatch(/Robin Redeemer FIFTEEN next invoice forever/);
    expect(pageText(page.body)).toContain('Coupon redeemed');
  });

  it('saves settings, refuses a maximum below the redemptions made, and archives', async () => {
    const id = await newCoupon({ name: 'Settings', percentOff: '5' });
    const customer = await owner.sendJson('POST', '/api/v1/customers', {
      email: 'sam@example.com',
      name: 'Sam',
      currency: 'EUR',
    });
    await owner.sendJson('POST', `/api/v1/customers/${customer.json<{ id: string }>().id}/redemptions`, {
      couponId: id,
    });
    const save = (change: Record<string, string>) =>
      owner.submit(`/admin/coupons/${id}`, `/admin/coupons/${id}`, {
        name: 'Settings',
        validFrom: '',
        validUntil: '',
        maxRedemptions: '',
        perCustomerLimit: '',
        ...change,
      });
    const low = await save({ maxRedemptions: '0' });
    expect(fieldErrorText(low.body, 'maxRedemptions')).toBe(
      'must be a whole number of at least 1, or empty for no limit',
    );
    const saved = await save({
      name: 'Settings renamed',
      maxRedemptions: '10',
      validUntil: '2099-01-01T00:00',
    });
    expect(saved.statusCode).toBe(303);
    let page = await owner.get(`/admin/coupons/${id}`);
    expect(toastText(page.body)).toBe('Settings saved.');
    expect(pageText(page.body)).toContain('1 of 10');
    expect(pageText(page.body)).toContain('until 1 Jan 2099');
    expect(pageText(page.body)).toContain('Coupon changed');

    const archived = await owner.submit(`/admin/coupons/${id}`, `/admin/coupons/${id}/status`, {
      archived: 'true',
    });
    expect(archived.statusCode).toBe(303);
    page = await owner.get(`/admin/coupons/${id}`);
    expect(page.body).toContain('<span class="badge warn">archived</span>');
    expect(page.body).toContain('Restore coupon');
    expect(page.body).not.toContain('Add a code');
    expect(pageText(page.body)).toContain('Coupon archived');
  });

  it('answers 404 for a coupon that does not exist', async () => {
    expect((await owner.get('/admin/coupons/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await owner.get('/admin/coupons/nope')).statusCode).toBe(404);
  });

  it('lets a viewer read the pages but refuses every write with 403', async () => {
    const id = await newCoupon({ name: 'Viewer check', percentOff: '5' });
    const viewer = await signIn(t.app, 'val@example.com', viewerPassword);
    const page = await viewer.get(`/admin/coupons/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Archive coupon');
    expect(page.body).not.toContain('Add a code');
    expect((await viewer.get('/admin/coupons')).body).not.toContain('New coupon</a>');
    expect((await viewer.get('/admin/coupons/new')).statusCode).toBe(403);
    const write = await viewer.submit(`/admin/coupons/${id}`, `/admin/coupons/${id}/status`, {
      archived: 'true',
    });
    expect(write.statusCode).toBe(403);
  });
});
