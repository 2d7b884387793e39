import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCustomerBalance } from '../../src/modules/balances/index.js';
import type { ErrorJson } from '../support/api-sandbox.js';
import { signIn } from '../support/browser-client.js';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.js';

/** Referrals through the JSON API: the programme, codes, attribution's refusals, rewards and reversals. */

let world: ReferralWorld;
let clockId = '';
beforeAll(async () => {
  world = await startReferralWorld();
  clockId = (await world.api.clock('2027-01-10T00:00:00Z')).id;
});
afterAll(async () => {
  await world.t.close();
});

/** Bills the clock's waiting periods (the invoices appear a moment after subscribing). */
let clockAt = Date.parse('2027-01-10T00:00:00Z');
async function tick(ms = 1000) {
  clockAt += ms;
  await world.api.advance(clockId, new Date(clockAt).toISOString());
}

const refusal = async (customerId: string, code: string) =>
  (await world.api.post<ErrorJson>(`/api/v1/customers/${customerId}/referral`, { code }, 422)).error.fields;

describe('codes and links', () => {
  it('gives each customer one short unambiguous code, made on first use, and a link under the base URL', async () => {
    const customer = await world.api.customer(clockId);
    const first = await world.api.get<{ code: string; link: string; stats: unknown }>(
      `/api/v1/customers/${customer.id}/referral-code`,
    );
    expect(first.code).toMatch(/^[2-9A-HJKMNP-TW-Z]{8}$/);
    expect(first.link).toBe(`https://billing.example.com/r/${first.code}`);
    expect(first.stats).toEqual({ referred: 0, rewarded: 0 });
    expect(await world.codeOf(customer.id)).toBe(first.code);

    const link = await world.t.app.inject({ method: 'GET', url: `/r/${first.code}` });
    expect(link.statusCode).toBe(302);
    expect(link.headers.location).toBe('https://billing.example.com');
  });

  it('answers 404 for a customer that does not exist', async () => {
    await world.api.get('/api/v1/customers/00000000-0000-4000-8000-000000000000/referral-code', 404);
  });
});

describe('attribution', () => {
  it('refuses an unknown code, the own code, loops of any length and a second referrer', async () => {
    const [a, b, c] = [
      await world.api.customer(clockId),
      await world.api.customer(clockId),
      await world.api.customer(clockId),
    ];
    expect(await refusal(a.id, 'NOPE-2345')).toEqual({ code: 'is not a referral code' });
    expect(await refusal(a.id, await world.codeOf(a.id))).toEqual({ code: 'is this customer’s own code' });

    const ab = await world.refer(b.id, a.id);
    expect(ab).toMatchObject({ referrerId: a.id, referredId: b.id, status: 'pending' });
    await world.refer(c.id, b.id);
    const loop = {
      code: 'would make a loop: this customer referred the code’s owner (directly or through others)',
    };
    expect(await refusal(a.id, await world.codeOf(b.id))).toEqual(loop);
    expect(await refusal(a.id, await world.codeOf(c.id))).toEqual(loop);
    expect(await refusal(b.id, await world.codeOf(c.id))).toEqual({
      code: 'cannot be set: this customer has already been referred',
    });
    // Codes are read the way people type them.
    const d = await world.api.customer(clockId);
    const typed = (await world.codeOf(c.id)).toLowerCase().replace(/(....)/, '$1-');
    await world.api.post(`/api/v1/customers/${d.id}/referral`, { code: typed });

    const stats = await world.api.get<{ stats: unknown }>(`/api/v1/customers/${a.id}/referral-code`);
    expect(stats.stats).toEqual({ referred: 1, rewarded: 0 });
  });

  it('refuses a customer who has already paid an invoice', async () => {
    const referrer = await world.api.customer(clockId);
    const { customer, subscription } = await world.subscriber(clockId, world.plans[1]);
    await tick();
    const [invoice] = await world.invoicesOf(subscription.id);
    await world.pay(invoice?.id ?? '');
    expect(await refusal(customer.id, await world.codeOf(referrer.id))).toEqual({
      code: 'cannot be set: this customer has already paid an invoice',
    });
  });

  it('is for support staff and up; viewers may only read', async () => {
    const viewerEmail = 'viewer@example.com';
    await world.api.post('/api/v1/staff-users', {
      email: viewerEmail,
      name: 'Vera Viewer',
      role: 'viewer',
      password: 'a long enough password 42',
    });
    const viewer = await signIn(world.t.app, viewerEmail, 'a long enough password 42');
    const customer = await world.api.customer(clockId);
    const response = await viewer.sendJson('POST', `/api/v1/customers/${customer.id}/referral`, {
      code: 'X',
    });
    expect(response.statusCode).toBe(403);
    expect((await viewer.getJson('/api/v1/referral-programme')).statusCode).toBe(200);
    const put = await viewer.sendJson('PUT', '/api/v1/referral-programme', {
      enabled: false,
      rewardKind: 'bonus_days',
      tiers: [{ months: 1, amount: 7 }],
    });
    expect(put.statusCode).toBe(403);
  });
});

describe('rewards', () => {
  it('rewards the first paid invoice by the plan length’s tier, once; a refund in full takes it back', async () => {
    const { customer: referrer, subscription: rewarded } = await world.subscriber(clockId, world.plans[1]);
    const { customer: twoMonths, subscription: twoMonthPlan } = await world.subscriber(
      clockId,
      world.plans[2],
    );
    const { customer: yearly, subscription: yearPlan } = await world.subscriber(clockId, world.plans[12]);
    await world.refer(twoMonths.id, referrer.id);
    await world.refer(yearly.id, referrer.id);
    await tick();
    const before = await world.api.subscription(rewarded.id);

    const [twoMonthInvoice] = await world.invoicesOf(twoMonthPlan.id);
    await world.pay(twoMonthInvoice?.id ?? '');
    expect(await world.referralOf(twoMonths.id)).toMatchObject({
      status: 'rewarded',
      invoiceId: twoMonthInvoice?.id,
      planMonths: 2,
      reward: { kind: 'bonus_days', days: 7, subscriptionId: rewarded.id },
    });
    const [yearInvoice] = await world.invoicesOf(yearPlan.id);
    await world.pay(yearInvoice?.id ?? '');
    expect(await world.referralOf(yearly.id)).toMatchObject({ status: 'rewarded', planMonths: 12 });
    const extended = await world.api.subscription(rewarded.id);
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    expect(days(before.currentPeriodEnd, extended.currentPeriodEnd)).toBe(67);
    expect(
      await world.api.get<{ stats: unknown }>(`/api/v1/customers/${referrer.id}/referral-code`),
    ).toMatchObject({ stats: { referred: 2, rewarded: 2 } });

    // The two-month plan renews; its second invoice paid gives nothing more.
    clockAt = Date.parse('2027-03-10T00:00:01Z');
    await world.api.advance(clockId, new Date(clockAt).toISOString());
    const second = (await world.invoicesOf(twoMonthPlan.id))[1];
    expect(second?.status).toBe('open');
    await world.pay(second?.id ?? '');
    const timeline = (await world.api.subscription(rewarded.id)).timeline ?? [];
    expect(timeline.filter((line) => line.action === 'extended')).toHaveLength(2);

    // Half refunded: the customer still paid for the plan, the reward stays; the rest refunded: reversed.
    const half = Number(yearInvoice?.total) / 2;
    await world.refund(yearInvoice?.id ?? '', half);
    expect((await world.referralOf(yearly.id)).status).toBe('rewarded');
    await world.refund(yearInvoice?.id ?? '', half);
    const reversed = await world.referralOf(yearly.id);
    expect(reversed.status).toBe('reversed');
    expect(reversed.reversal?.description).toMatch(/^The subscription's period now ends /);
    // 60 days back would end the period in February, before the clock's now: it ends now instead,
    // since the days already used cannot be returned.
    const shortened = await world.api.subscription(rewarded.id);
    expect(shortened.currentPeriodEnd).toBe('2027-03-10T00:00:01.000Z');
    expect(shortened.timeline?.[0]).toMatchObject({
      action: 'shortened',
      reason: 'Referral reward reversed: the payment was refunded',
      actor: 'system',
    });

    const events = await world.t.database.db.execute<{ type: string }>(
      sql`select type from outbox_events where entity_type = 'referral' and entity_id = ${reversed.id} order by id`,
    );
    expect(events.rows.map((row) => row.type)).toEqual([
      'referral.attributed',
      'referral.rewarded',
      'referral.reversed',
    ]);
  });

  it('rewards a first invoice that the friend’s balance pays in full as the bill run makes it', async () => {
    const { customer: referrer, subscription: rewarded } = await world.subscriber(clockId, world.plans[1]);
    const friend = await world.api.customer(clockId);
    // No API tops a balance up yet; the balances module is what a payment will call.
    await creditCustomerBalance(world.t.database.db, world.t.clock, {
      customerId: friend.id,
      currency: 'USD',
      amount: 5000n,
      kind: 'test.top_up',
      description: 'Top-up',
    });
    await world.refer(friend.id, referrer.id);
    const subscription = await world.api.subscribe(friend.id, world.plans[1]);
    const before = await world.api.subscription(rewarded.id);
    await tick();
    expect((await world.invoicesOf(subscription.id))[0]?.status).toBe('paid');
    expect(await world.referralOf(friend.id)).toMatchObject({ status: 'rewarded', reward: { days: 7 } });
    const after = await world.api.subscription(rewarded.id);
    expect((Date.parse(after.currentPeriodEnd) - Date.parse(before.currentPeriodEnd)) / 86_400_000).toBe(7);
  });

  it('skips, with the reason, a plan shorter than every tier or a referrer with nothing to extend', async () => {
    const weekly = await world.api.post<{ id: string }>(
      `/api/v1/products/${(await world.api.get<{ productId: string }>(`/api/v1/plans/${world.plans[1]}`)).productId}/plans`,
      {
        code: 'plex-weekly',
        name: 'Weekly',
        intervalUnit: 'week',
        prices: [{ currency: 'USD', amount: 300 }],
      },
    );
    const { customer: referrer } = await world.subscriber(clockId, world.plans[1]);
    const { customer: short, subscription: shortPlan } = await world.subscriber(clockId, weekly.id);
    const idle = await world.api.customer(clockId);
    const { customer: monthly, subscription: monthlyPlan } = await world.subscriber(clockId, world.plans[1]);
    await world.refer(short.id, referrer.id);
    await world.refer(monthly.id, idle.id);
    await tick();
    await world.pay((await world.invoicesOf(shortPlan.id))[0]?.id ?? '');
    await world.pay((await world.invoicesOf(monthlyPlan.id))[0]?.id ?? '');
    expect(await world.referralOf(short.id)).toMatchObject({
      status: 'skipped',
      planMonths: 0,
      note: 'A plan of 0 months is shorter than every reward tier.',
    });
    expect(await world.referralOf(monthly.id)).toMatchObject({
      status: 'skipped',
      reward: null,
      note: 'The referrer has no running subscription to add days to.',
    });
  });
});

describe('the programme', () => {
  it('refuses bad tiers with field errors and changes nothing', async () => {
    const refused = await world.api.put<ErrorJson>(
      '/api/v1/referral-programme',
      {
        enabled: true,
        rewardKind: 'bonus_days',
        tiers: [
          { months: 1, amount: 0 },
          { months: 1, amount: 5 },
          { months: 3, amount: 'ten' },
        ],
      },
      422,
    );
    expect(refused.error.fields).toEqual({
      'tiers.0.amount': 'must be a whole number of days from 1 to 3650',
      'tiers.1.months': 'is already a tier: one tier per plan length',
      'tiers.2.amount': 'must be a whole number of days from 1 to 3650',
    });
    const coupon = await world.api.put<ErrorJson>(
      '/api/v1/referral-programme',
      { enabled: true, rewardKind: 'coupon', tiers: [{ months: 1, couponId: 'nope' }] },
      422,
    );
    expect(coupon.error.fields).toEqual({ 'tiers.0.couponId': 'is not a coupon' });
    expect(await world.api.get('/api/v1/referral-programme')).toMatchObject({
      enabled: true,
      rewardKind: 'bonus_days',
      tiers: [
        { months: 1, amount: '7' },
        { months: 3, amount: '14' },
        { months: 6, amount: '30' },
        { months: 12, amount: '60' },
      ],
    });
  });

  it('gives a coupon when set to, and ends its redemption on a full refund', async () => {
    const coupon = await world.api.post<{ id: string }>('/api/v1/coupons', {
      name: 'Referral thanks',
      percentOff: 50,
      duration: 'once',
    });
    await world.programme({
      enabled: true,
      rewardKind: 'coupon',
      tiers: [{ months: 1, couponId: coupon.id }],
    });
    const referrer = await world.api.customer(clockId);
    const { customer, subscription } = await world.subscriber(clockId, world.plans[3]);
    await world.refer(customer.id, referrer.id);
    await tick();
    const [invoice] = await world.invoicesOf(subscription.id);
    await world.pay(invoice?.id ?? '');
    const rewarded = await world.referralOf(customer.id);
    expect(rewarded).toMatchObject({ status: 'rewarded', reward: { kind: 'coupon', couponId: coupon.id } });
    const redemptions = () =>
      world.t.database.db.execute<{ ended: boolean }>(
        sql`select ended_at is not null as ended from coupon_redemptions where customer_id = ${referrer.id}`,
      );
    expect((await redemptions()).rows).toEqual([{ ended: false }]);

    await world.refund(invoice?.id ?? '', Number(invoice?.total));
    expect((await world.referralOf(customer.id)).status).toBe('reversed');
    expect((await redemptions()).rows).toEqual([{ ended: true }]);
  });

  /** A referrer, and a friend of theirs whose first (1-month) invoice is paid; answers both. */
  async function paidReferral() {
    const referrer = await world.api.customer(clockId);
    const { customer, subscription } = await world.subscriber(clockId, world.plans[1]);
    await world.refer(customer.id, referrer.id);
    await tick();
    const [invoice] = await world.invoicesOf(subscription.id);
    await world.pay(invoice?.id ?? '');
    return { referrer, friend: customer, invoice: invoice as NonNullable<typeof invoice> };
  }

  it('grants credits when set to, and revokes what is left of them on a full refund', async () => {
    await world.programme({
      enabled: true,
      rewardKind: 'credits',
      rewardUnit: 'GPU minutes',
      tiers: [{ months: 1, amount: '100' }],
    });
    const { referrer, friend, invoice } = await paidReferral();
    const credits = async () =>
      (
        await world.api.get<{ data: { unit: string; balance: string }[] }>(
          `/api/v1/customers/${referrer.id}/credits`,
        )
      ).data;
    expect(await credits()).toMatchObject([{ unit: 'GPU minutes', balance: '100' }]);
    await world.api.post(
      `/api/v1/customers/${referrer.id}/credits/consume`,
      { amount: 30, unit: 'GPU minutes', description: 'Render job' },
      200,
    );
    await world.refund(invoice.id, Number(invoice.total));
    expect(await credits()).toMatchObject([{ unit: 'GPU minutes', balance: '0' }]);
    expect((await world.referralOf(friend.id)).reversal).toEqual({
      description: '70 of 100 GPU minutes revoked',
    });
  });

  it('credits money to the referrer’s balance when set to, and debits what is left of it on a full refund', async () => {
    await world.programme({
      enabled: true,
      rewardKind: 'money',
      rewardUnit: 'usd',
      tiers: [{ months: 1, amount: 500 }],
    });
    const { referrer, friend, invoice } = await paidReferral();
    const balance = async () =>
      (
        await world.api.get<{ balance: string }>(
          `/api/v1/ledger/accounts/${encodeURIComponent(`customer:${referrer.id}:balance:USD`)}`,
        )
      ).balance;
    expect(await balance()).toBe('500');
    expect((await world.referralOf(friend.id)).reward).toMatchObject({
      kind: 'money',
      description: '5.00 USD for a referral',
    });
    await world.refund(invoice.id, Number(invoice.total));
    expect(await balance()).toBe('0');
    expect((await world.referralOf(friend.id)).reversal).toEqual({
      description: "5.00 USD of 5.00 USD debited from the referrer's balance",
    });
  });

  it('refuses a credits or money programme without its unit or currency', async () => {
    const refused = async (rewardKind: string, rewardUnit: string) =>
      (
        await world.api.put<ErrorJson>(
          '/api/v1/referral-programme',
          { enabled: true, rewardKind, rewardUnit, tiers: [{ months: 1, amount: 1 }] },
          422,
        )
      ).error.fields;
    expect(await refused('credits', '')).toEqual({
      rewardUnit: 'must be a credits unit, e.g. credits or GPU minutes',
    });
    expect(await refused('money', 'dollars')).toEqual({ rewardUnit: 'must be a currency code, e.g. USD' });
  });

  it('when switched off, refuses new referrals', async () => {
    await world.programme({ enabled: false, rewardKind: 'bonus_days', tiers: [{ months: 1, amount: 7 }] });
    const [a, b] = [await world.api.customer(clockId), await world.api.customer(clockId)];
    expect(await refusal(b.id, await world.codeOf(a.id))).toEqual({
      code: 'cannot be used: the referral programme is switched off',
    });
  });
});
