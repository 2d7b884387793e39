import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discountFor, openRedemptionBook } from '../../src/modules/discounts/index.js';
import { apiSandbox, type ApiSandbox, type ErrorJson } from '../support/api-sandbox.js';
import { BrowserClient, setUpOwner } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Coupons, promotion codes and redemptions through the JSON API. */

let t: TestApp;
let owner: BrowserClient;
let api: ApiSandbox;

interface CouponJson {
  id: string;
  name: string;
  percentOff: string | null;
  amountsOff: { currency: string; amount: number }[];
  duration: string;
  durationPeriods: number | null;
  planIds: string[];
  maxRedemptions: number | null;
  perCustomerLimit: number | null;
  timesRedeemed: number;
  validFrom: string | null;
  validUntil: string | null;
  archived: boolean;
  promotionCodes?: PromotionCodeJson[];
}
interface PromotionCodeJson {
  id: string;
  code: string;
  active: boolean;
  timesRedeemed: number;
}
interface RedemptionJson {
  id: string;
  couponId: string;
  promotionCodeId: string | null;
  customerId: string;
  subscriptionId: string | null;
  periodsLeft: number | null;
}

let customerCount = 0;
async function newCustomer(currency = 'EUR') {
  customerCount += 1;
  return api.post<{ id: string }>('/api/v1/customers', {
    email: `buyer${customerCount}@example.com`,
    name: `Buyer ${customerCount}`,
    currency,
  });
}

const createCoupon = (body: Record<string, unknown>) => owner.sendJson('POST', '/api/v1/coupons', body);
const newCoupon = (body: Record<string, unknown>) =>
  api.post<CouponJson>('/api/v1/coupons', { name: 'Coupon', duration: 'once', ...body });
const newCode = (couponId: string, code: string, body: Record<string, unknown> = {}) =>
  api.post<PromotionCodeJson>(`/api/v1/coupons/${couponId}/promotion-codes`, { code, ...body });
const redeem = (customerId: string, body: Record<string, unknown>) =>
  owner.sendJson('POST', `/api/v1/customers/${customerId}/redemptions`, body);

/** The fields a 422 named, with their reasons. */
async function refusal(response: Promise<{ statusCode: number; json: <T>() => T; body: string }>) {
  const answer = await response;
  expect(answer.statusCode, answer.body).toBe(422);
  return answer.json<ErrorJson>().error.fields ?? {};
}

async function auditActions(entityId: string) {
  const { rows } = await t.database.pool.query<{ action: string }>(
    'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id',
    [entityId],
  );
  return rows.map((row) => row.action);
}

let plans: { basic: string; premium: string };

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  api = apiSandbox(owner);
  plans = (await api.monthlyPlans('Stream', { basic: 1000, premium: 2000 })).plans;
});
afterAll(async () => t.close());

describe('creating coupons', () => {
  it('keeps a decimal percentage exactly and audits the creation', async () => {
    const coupon = await newCoupon({ name: 'Launch 12.5', percentOff: '12.5', duration: 'forever' });
    expect(coupon).toMatchObject({
      percentOff: '12.5',
      amountsOff: [],
      duration: 'forever',
      timesRedeemed: 0,
    });
    const { rows } = await t.database.pool.query<{ p: number }>(
      'SELECT percent_off_ppm AS p FROM coupons WHERE id = $1',
      [coupon.id],
    );
    expect(rows[0]?.p).toBe(125_000);
    expect(await auditActions(coupon.id)).toEqual(['coupon.created']);
  });

  it('refuses bad terms, naming each field', async () => {
    expect(await refusal(createCoupon({ name: 'x', duration: 'once' }))).toEqual({
      percentOff: 'is required: give a percentage, or fixed amounts per currency (amountsOff)',
    });
    expect(
      await refusal(
        createCoupon({
          name: 'x',
          duration: 'once',
          percentOff: 10,
          amountsOff: [{ currency: 'EUR', amount: 100 }],
        }),
      ),
    ).toHaveProperty('amountsOff');
    expect(await refusal(createCoupon({ name: 'x', duration: 'once', percentOff: 100.5 }))).toEqual({
      percentOff: 'must be more than 0 and at most 100',
    });
    expect(await refusal(createCoupon({ name: 'x', duration: 'once', percentOff: 0 }))).toHaveProperty(
      'percentOff',
    );
    expect(
      await refusal(
        createCoupon({ name: 'x', duration: 'once', amountsOff: [{ currency: 'EUX', amount: 5 }] }),
      ),
    ).toEqual({ 'amountsOff.0.currency': 'must be an ISO 4217 code such as USD or EUR' });
    expect(
      await refusal(
        createCoupon({ name: 'x', duration: 'once', amountsOff: [{ currency: 'EUR', amount: 0 }] }),
      ),
    ).toEqual({ 'amountsOff.0.amount': 'must be more than zero' });
    expect(await refusal(createCoupon({ name: 'x', duration: 'repeating', percentOff: 10 }))).toEqual({
      durationPeriods: 'is required for a repeating coupon: how many billing periods it applies to',
    });
    expect(
      await refusal(createCoupon({ name: 'x', duration: 'repeating', percentOff: 10, durationPeriods: 0 })),
    ).toHaveProperty('durationPeriods');
    expect(
      await refusal(
        createCoupon({
          name: 'x',
          duration: 'once',
          percentOff: 10,
          planIds: ['00000000-0000-4000-8000-000000000000'],
        }),
      ),
    ).toEqual({ planIds: 'has 00000000-0000-4000-8000-000000000000, which is no plan' });
    expect(
      await refusal(
        createCoupon({
          name: 'x',
          duration: 'once',
          percentOff: 10,
          validFrom: '2030-02-01T00:00:00Z',
          validUntil: '2030-01-01T00:00:00Z',
        }),
      ),
    ).toEqual({ validUntil: 'must be after the start (valid from)' });
    expect(
      await refusal(createCoupon({ name: 'x', duration: 'once', percentOff: 10, maxRedemptions: 0 })),
    ).toHaveProperty('maxRedemptions');
    expect(
      await refusal(createCoupon({ name: 'x', duration: 'once', percentOff: 10, perCustomerLimit: -1 })),
    ).toHaveProperty('perCustomerLimit');
  });

  it('changes name, window and limits, but never below what was redeemed; archives', async () => {
    const coupon = await newCoupon({ name: 'Spring', percentOff: 10, maxRedemptions: 5 });
    const customer = await newCustomer();
    await api.post(`/api/v1/customers/${customer.id}/redemptions`, { couponId: coupon.id });
    await api.post(`/api/v1/customers/${(await newCustomer()).id}/redemptions`, { couponId: coupon.id });
    expect(
      await refusal(owner.sendJson('PATCH', `/api/v1/coupons/${coupon.id}`, { maxRedemptions: 1 })),
    ).toEqual({
      maxRedemptions: 'must be at least 2, the redemptions already made',
    });
    const changed = await owner.sendJson('PATCH', `/api/v1/coupons/${coupon.id}`, {
      name: 'Spring sale',
      maxRedemptions: null,
      validUntil: '2099-01-01T00:00:00Z',
    });
    expect(changed.json<CouponJson>()).toMatchObject({
      name: 'Spring sale',
      maxRedemptions: null,
      validUntil: '2099-01-01T00:00:00.000Z',
    });
    const archived = await api.post<CouponJson>(`/api/v1/coupons/${coupon.id}/archive`, {}, 200);
    expect(archived.archived).toBe(true);
    expect(await auditActions(coupon.id)).toEqual([
      'coupon.created',
      'coupon.redeemed',
      'coupon.redeemed',
      'coupon.updated',
      'coupon.archived',
    ]);
    expect(await refusal(redeem(customer.id, { couponId: coupon.id }))).toEqual({
      couponId: 'is for a coupon that is archived',
    });
  });

  it('lists by name and status, paging with a cursor', async () => {
    for (const name of ['Paged A', 'Paged B', 'Paged C'])
      await newCoupon({
        name,
        percentOff: 5,
        validUntil: name === 'Paged C' ? '2000-01-01T00:00:00Z' : null,
      });
    const first = await api.get<{ data: CouponJson[]; nextCursor: string | null }>(
      '/api/v1/coupons?q=paged&sort=name&dir=asc&limit=2',
    );
    expect(first.data.map((c) => c.name)).toEqual(['Paged A', 'Paged B']);
    const second = await api.get<{ data: CouponJson[]; nextCursor: string | null }>(
      `/api/v1/coupons?q=paged&sort=name&dir=asc&limit=2&cursor=${first.nextCursor}`,
    );
    expect(second).toEqual({ data: [expect.objectContaining({ name: 'Paged C' })], nextCursor: null });
    const expired = await api.get<{ data: CouponJson[] }>('/api/v1/coupons?q=paged&status=expired');
    expect(expired.data.map((c) => c.name)).toEqual(['Paged C']);
    const active = await api.get<{ data: CouponJson[] }>(
      '/api/v1/coupons?q=paged&status=active&sort=name&dir=asc',
    );
    expect(active.data.map((c) => c.name)).toEqual(['Paged A', 'Paged B']);
  });
});

describe('promotion codes', () => {
  it('are unique whatever the case, 3–40 letters, digits, - or _', async () => {
    const coupon = await newCoupon({ percentOff: 10 });
    const code = await newCode(coupon.id, 'Summer-26');
    expect(code).toMatchObject({ code: 'Summer-26', active: true, timesRedeemed: 0 });
    const clash = await owner.sendJson('POST', `/api/v1/coupons/${coupon.id}/promotion-codes`, {
      code: 'SUMMER-26',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json<ErrorJson>().error.fields).toEqual({
      code: 'is already in use (codes ignore upper and lower case)',
    });
    expect(
      await refusal(
        owner.sendJson('POST', `/api/v1/coupons/${coupon.id}/promotion-codes`, { code: 'no spaces' }),
      ),
    ).toEqual({ code: 'must be 3–40 letters, digits, - or _' });
    const listed = await api.get<{ data: PromotionCodeJson[] }>(
      `/api/v1/coupons/${coupon.id}/promotion-codes`,
    );
    expect(listed.data.map((c) => c.code)).toEqual(['Summer-26']);
  });

  it('can be deactivated, after which they are refused', async () => {
    const coupon = await newCoupon({ percentOff: 10 });
    const code = await newCode(coupon.id, 'GONE10');
    const off = await api.post<PromotionCodeJson>(`/api/v1/promotion-codes/${code.id}/deactivate`, {}, 200);
    expect(off.active).toBe(false);
    const customer = await newCustomer();
    expect(await refusal(redeem(customer.id, { code: 'gone10' }))).toEqual({ code: 'is no longer active' });
    expect(await auditActions(coupon.id)).toEqual([
      'coupon.created',
      'coupon.promotion_code_created',
      'coupon.promotion_code_deactivated',
    ]);
  });
});

describe('redeeming', () => {
  it('redeems a code case-insensitively, counting on both the code and the coupon', async () => {
    const coupon = await newCoupon({ percentOff: 20, duration: 'repeating', durationPeriods: 3 });
    const code = await newCode(coupon.id, 'WELCOME20');
    const customer = await newCustomer();
    const redemption = await api.post<RedemptionJson>(`/api/v1/customers/${customer.id}/redemptions`, {
      code: 'welcome20',
    });
    expect(redemption).toMatchObject({
      couponId: coupon.id,
      promotionCodeId: code.id,
      customerId: customer.id,
      subscriptionId: null,
      periodsLeft: 3,
    });
    const detail = await api.get<CouponJson>(`/api/v1/coupons/${coupon.id}`);
    expect(detail.timesRedeemed).toBe(1);
    expect(detail.promotionCodes?.[0]?.timesRedeemed).toBe(1);
  });

  it('refuses an unknown code, an expired code and a coupon outside its window', async () => {
    const customer = await newCustomer();
    expect(await refusal(redeem(customer.id, { code: 'NOPE-NOPE' }))).toEqual({
      code: 'is not a promotion code',
    });
    expect(await refusal(redeem(customer.id, { couponId: 'not-a-uuid' }))).toEqual({
      couponId: 'is not a coupon',
    });
    expect(await refusal(redeem(customer.id, {}))).toHaveProperty('code');

    // Moving the clock would end the staff session, so the code is made already expired.
    const now = t.clock.now();
    const soon = new Date(now.getTime() + 3_600_000);
    const coupon = await newCoupon({ percentOff: 10 });
    await newCode(coupon.id, 'HOURLY', { expiresAt: new Date(now.getTime() - 1000).toISOString() });
    expect((await refusal(redeem(customer.id, { code: 'HOURLY' })))['code']).toMatch(/^expired on /);
    const later = await newCoupon({ percentOff: 10, validFrom: soon.toISOString() });
    expect((await refusal(redeem(customer.id, { couponId: later.id })))['couponId']).toMatch(
      /^is not valid before/,
    );
    const past = await newCoupon({
      percentOff: 10,
      validUntil: new Date(now.getTime() - 1000).toISOString(),
    });
    expect((await refusal(redeem(customer.id, { couponId: past.id })))['couponId']).toMatch(/^expired on /);
  });

  it('refuses a fixed-amount coupon in a currency it has no amount in', async () => {
    const coupon = await newCoupon({ amountsOff: [{ currency: 'USD', amount: 500 }] });
    await newCode(coupon.id, 'FIVE-USD');
    const euro = await newCustomer('EUR');
    expect(await refusal(redeem(euro.id, { code: 'FIVE-USD' }))).toEqual({ code: 'has no EUR amount' });
    const dollar = await newCustomer('USD');
    expect((await redeem(dollar.id, { code: 'FIVE-USD' })).statusCode).toBe(201);
  });

  it('applies plan-limited coupons only on a subscription to one of those plans', async () => {
    const coupon = await newCoupon({ percentOff: 50, planIds: [plans.premium] });
    const customer = await api.customer(null);
    const basic = await api.subscribe(customer.id, plans.basic);
    const premium = await api.subscribe(customer.id, plans.premium);
    expect(await refusal(redeem(customer.id, { couponId: coupon.id, subscriptionId: basic.id }))).toEqual({
      couponId: 'does not apply to this plan',
    });
    expect(await refusal(redeem(customer.id, { couponId: coupon.id }))).toEqual({
      couponId: 'applies to some plans only: redeem it on a subscription',
    });
    const other = await api.customer(null);
    expect(await refusal(redeem(other.id, { couponId: coupon.id, subscriptionId: premium.id }))).toEqual({
      subscriptionId: 'belongs to another customer',
    });
    const redemption = await api.post<RedemptionJson>(`/api/v1/customers/${customer.id}/redemptions`, {
      couponId: coupon.id,
      subscriptionId: premium.id,
    });
    expect(redemption.subscriptionId).toBe(premium.id);
  });

  it('keeps first-time offers for customers who have not paid before', async () => {
    const coupon = await newCoupon({ percentOff: 30 });
    await newCode(coupon.id, 'FIRST30', { firstTimeOnly: true });
    const returning = await api.customer(null);
    await api.subscribe(returning.id, plans.basic);
    expect(await refusal(redeem(returning.id, { code: 'FIRST30' }))).toEqual({
      code: 'is for first-time customers only',
    });
    // Their first subscription's first payment is the one the offer is for.
    const newcomer = await api.customer(null);
    const first = await api.subscribe(newcomer.id, plans.basic);
    expect((await redeem(newcomer.id, { code: 'FIRST30', subscriptionId: first.id })).statusCode).toBe(201);
  });

  it('holds the per-customer limits of the coupon and of the code', async () => {
    const coupon = await newCoupon({ percentOff: 10, perCustomerLimit: 2 });
    await newCode(coupon.id, 'ONCE-EACH', { perCustomerLimit: 1 });
    await newCode(coupon.id, 'TWICE-EACH');
    const customer = await newCustomer();
    expect((await redeem(customer.id, { code: 'ONCE-EACH' })).statusCode).toBe(201);
    expect(await refusal(redeem(customer.id, { code: 'ONCE-EACH' }))).toEqual({
      code: 'has reached its limit for this customer',
    });
    expect((await redeem(customer.id, { code: 'TWICE-EACH' })).statusCode).toBe(201);
    expect(await refusal(redeem(customer.id, { code: 'TWICE-EACH' }))).toEqual({
      code: 'has reached its limit for this customer',
    });
    expect((await redeem((await newCustomer()).id, { code: 'ONCE-EACH' })).statusCode).toBe(201);
  });

  it('refuses an exhausted code and leaves the counters as they were', async () => {
    const coupon = await newCoupon({ percentOff: 10 });
    await newCode(coupon.id, 'ONLY-ONE', { maxRedemptions: 1 });
    expect((await redeem((await newCustomer()).id, { code: 'ONLY-ONE' })).statusCode).toBe(201);
    expect(await refusal(redeem((await newCustomer()).id, { code: 'ONLY-ONE' }))).toEqual({
      code: 'has been used up',
    });
    const detail = await api.get<CouponJson>(`/api/v1/coupons/${coupon.id}`);
    expect(detail.timesRedeemed).toBe(1);
    expect(detail.promotionCodes?.[0]?.timesRedeemed).toBe(1);
  });

  it('uses the last redemption exactly once under 20 concurrent requests', async () => {
    const coupon = await newCoupon({ percentOff: 10, maxRedemptions: 5 });
    await newCode(coupon.id, 'RUSH-5');
    const buyers = [];
    for (let i = 0; i < 20; i += 1) buyers.push(await newCustomer());
    // Each request is its own transaction on its own pooled connection.
    const answers = await Promise.all(buyers.map((buyer) => redeem(buyer.id, { code: 'RUSH-5' })));
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    const refused = answers.filter((answer) => answer.statusCode === 422);
    expect(refused).toHaveLength(15);
    for (const answer of refused)
      expect(answer.json<ErrorJson>().error.fields).toEqual({ code: 'has been used up' });
    const detail = await api.get<CouponJson>(`/api/v1/coupons/${coupon.id}`);
    expect(detail.timesRedeemed).toBe(5);
    const { rows } = await t.database.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM coupon_redemptions WHERE coupon_id = $1',
      [coupon.id],
    );
    expect(Number(rows[0]?.n)).toBe(5);
  });
});

describe('what redemptions still take off', () => {
  it('caps a discount at the amount, counts repeating periods down, ends at zero, keeps forever ones', async () => {
    const twice = await newCoupon({
      amountsOff: [{ currency: 'USD', amount: 1500 }],
      duration: 'repeating',
      durationPeriods: 2,
    });
    const always = await newCoupon({ percentOff: 10, duration: 'forever' });
    const customer = await api.customer(null);
    const subscription = await api.subscribe(customer.id, plans.basic);
    await api.post(`/api/v1/customers/${customer.id}/redemptions`, {
      couponId: twice.id,
      subscriptionId: subscription.id,
    });
    await api.post(`/api/v1/customers/${customer.id}/redemptions`, { couponId: always.id });
    const db = t.database.db;
    const now = t.clock.now();
    const active = async () =>
      (await openRedemptionBook(db, [customer.id], now)).activeAt(customer.id, subscription.id, now);

    expect((await active()).map((r) => r.couponId)).toEqual([twice.id, always.id]);
    // 15 USD off the 10 USD plan takes off 10, not more; 10 % of 10 USD is 1.
    const [fixed, percent] = await active();
    expect(fixed && discountFor(fixed.coupon, 'USD', 1000n)).toBe(1000n);
    expect(percent && discountFor(percent.coupon, 'USD', 1000n)).toBe(100n);
    // Two invoices, each in its own transaction: the book counts one period per invoice.
    for (let invoice = 1; invoice <= 2; invoice += 1) {
      await db.transaction(async (tx) => {
        const book = await openRedemptionBook(tx, [customer.id], now);
        book.use(book.activeAt(customer.id, subscription.id, now), now);
        await book.save(tx);
      });
    }
    expect((await active()).map((r) => r.couponId)).toEqual([always.id]);
    const { rows } = await t.database.pool.query<{ periods_left: number | null; ended: boolean }>(
      'SELECT periods_left, ended_at IS NOT NULL AS ended FROM coupon_redemptions WHERE coupon_id = $1',
      [twice.id],
    );
    expect(rows).toEqual([{ periods_left: 0, ended: true }]);
  });
});
