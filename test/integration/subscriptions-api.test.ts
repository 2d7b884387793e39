import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: BrowserClient;

interface SubscriptionJson {
  id: string;
  state: string;
  priceId: string;
  anchorAt: string;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  trialEndsAt: string | null;
  canceledAt: string | null;
  allowedActions: string[];
  timeline?: { action: string; fromState: string | null; toState: string; reason: string; actor: string }[];
}
interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}

async function post<T>(url: string, body: unknown, status = 201): Promise<T> {
  const response = await owner.sendJson('POST', url, body);
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

let productId = '';
let monthlyPlanId = '';
let berlinCustomerId = '';

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2027-01-31T09:00:00Z'); // 10:00 in Berlin, on the last day of January
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  productId = (await post<{ id: string }>('/api/v1/products', { name: 'Plex Premium', kind: 'membership' }))
    .id;
  monthlyPlanId = (
    await post<{ id: string }>(`/api/v1/products/${productId}/plans`, {
      code: 'plex-monthly',
      name: 'Monthly',
      intervalUnit: 'month',
      trialDays: 7,
      prices: [
        { currency: 'EUR', amount: 899 },
        { currency: 'USD', amount: 999 },
      ],
    })
  ).id;
  berlinCustomerId = (
    await post<{ id: string }>('/api/v1/customers', {
      email: 'berlin@example.com',
      name: 'Berta',
      currency: 'EUR',
      timeZone: 'Europe/Berlin',
    })
  ).id;
});
afterAll(async () => t.close());

describe('subscribing', () => {
  it('starts a first-time customer on the trial, billing anchored at its end', async () => {
    const subscription = await post<SubscriptionJson>('/api/v1/subscriptions', {
      customerId: berlinCustomerId,
      planId: monthlyPlanId,
    });
    expect(subscription).toMatchObject({
      state: 'trialing',
      currentPeriodStart: '2027-01-31T09:00:00.000Z',
      currentPeriodEnd: '2027-02-07T09:00:00.000Z',
      trialEndsAt: '2027-02-07T09:00:00.000Z',
      anchorAt: '2027-02-07T09:00:00.000Z',
    });
    expect(subscription.allowedActions).toEqual(['convert_trial', 'payment_failed', 'cancel', 'expire']);
  });

  it('gives one trial per customer and product; the next starts paid, month ends clamped', async () => {
    const second = await post<SubscriptionJson>('/api/v1/subscriptions', {
      customerId: berlinCustomerId,
      planId: monthlyPlanId,
    });
    // Anchored on 31 January 10:00 Berlin time: the first period ends on 28 February, same wall-clock time.
    expect(second).toMatchObject({
      state: 'active',
      trialEndsAt: null,
      currentPeriodStart: '2027-01-31T09:00:00.000Z',
      currentPeriodEnd: '2027-02-28T09:00:00.000Z',
    });
  });

  it('keeps the price version bought when the price changes later (grandfathering)', async () => {
    const customer = (
      await post<{ id: string }>('/api/v1/customers', {
        email: 'usd@example.com',
        name: 'Uma',
        currency: 'USD',
      })
    ).id;
    const before = await post<SubscriptionJson>('/api/v1/subscriptions', {
      customerId: customer,
      planId: monthlyPlanId,
      skipTrial: true,
    });
    await post('/api/v1/plans/' + monthlyPlanId + '/prices', { currency: 'USD', amount: 1299 });
    const after = (await owner.getJson(`/api/v1/subscriptions/${before.id}`)).json<SubscriptionJson>();
    expect(after.priceId).toBe(before.priceId);
    const newcomer = (
      await post<{ id: string }>('/api/v1/customers', {
        email: 'usd2@example.com',
        name: 'Ugo',
        currency: 'USD',
      })
    ).id;
    const fresh = await post<SubscriptionJson>('/api/v1/subscriptions', {
      customerId: newcomer,
      planId: monthlyPlanId,
      skipTrial: true,
    });
    expect(fresh.priceId).not.toBe(before.priceId);
  });

  it.each([
    [
      'a customer whose currency the plan is not priced in',
      async () => ({
        customerId: (
          await post<{ id: string }>('/api/v1/customers', {
            email: 'gbp@example.com',
            name: 'Gil',
            currency: 'GBP',
          })
        ).id,
      }),
      'planId',
      /no price in GBP/,
    ],
    [
      'an unknown customer',
      async () => ({ customerId: '00000000-0000-4000-8000-000000000000' }),
      'customerId',
      /is not a customer/,
    ],
    ['an unknown plan', async () => ({ planId: 'nope' }), 'planId', /is not a plan/],
    ['quantity 0', async () => ({ quantity: 0 }), 'quantity', /at least 1/],
  ])('refuses %s and creates nothing', async (_case, change, field, reason) => {
    const before = Number(
      (await t.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM subscriptions')).rows[0]?.n,
    );
    const response = await owner.sendJson('POST', '/api/v1/subscriptions', {
      customerId: berlinCustomerId,
      planId: monthlyPlanId,
      ...(await change()),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json<ErrorJson>().error.fields?.[field]).toMatch(reason);
    expect(
      Number(
        (await t.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM subscriptions')).rows[0]?.n,
      ),
    ).toBe(before);
  });

  it('refuses one-time and archived plans', async () => {
    const oneTime = (await post<{ id: string }>('/api/v1/products', { name: 'Setup', kind: 'one_time' })).id;
    const once = (
      await post<{ id: string }>(`/api/v1/products/${oneTime}/plans`, {
        code: 'setup-once',
        name: 'Once',
        intervalUnit: 'one_time',
        prices: [{ currency: 'EUR', amount: 5000 }],
      })
    ).id;
    const response = await owner.sendJson('POST', '/api/v1/subscriptions', {
      customerId: berlinCustomerId,
      planId: once,
    });
    expect(response.json<ErrorJson>().error.fields).toEqual({
      planId: 'is a one-time purchase, not a subscription',
    });
    const old = (
      await post<{ id: string }>(`/api/v1/products/${productId}/plans`, {
        code: 'plex-old',
        name: 'Old',
        intervalUnit: 'year',
        prices: [{ currency: 'EUR', amount: 8000 }],
      })
    ).id;
    await owner.sendJson('PATCH', `/api/v1/plans/${old}`, { archived: true });
    const archived = await owner.sendJson('POST', '/api/v1/subscriptions', {
      customerId: berlinCustomerId,
      planId: old,
    });
    expect(archived.json<ErrorJson>().error.fields).toEqual({
      planId: 'is archived and can no longer be bought',
    });
  });
});

describe('the state machine through the API', () => {
  it('moves by allowed actions only, records who and why, and refuses the rest without changing anything', async () => {
    const customer = (
      await post<{ id: string }>('/api/v1/customers', {
        email: 'states@example.com',
        name: 'Stan',
        currency: 'EUR',
      })
    ).id;
    const subscription = await post<SubscriptionJson>('/api/v1/subscriptions', {
      customerId: customer,
      planId: monthlyPlanId,
      skipTrial: true,
    });
    const act = (action: string, reason = `because ${action}`, status = 200) =>
      post<SubscriptionJson>(`/api/v1/subscriptions/${subscription.id}/actions`, { action, reason }, status);

    expect((await act('pause')).state).toBe('paused');
    const refused = await act('pause', 'again', 409);
    expect((refused as unknown as ErrorJson).error.message).toBe(
      'Cannot pause a subscription that is paused.',
    );
    expect((await act('resume')).state).toBe('active');
    const noReason = await owner.sendJson('POST', `/api/v1/subscriptions/${subscription.id}/actions`, {
      action: 'cancel',
      reason: '  ',
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json<ErrorJson>().error.fields?.['reason']).toMatch(/say why/);
    const canceled = await act('cancel', 'Customer asked by email');
    expect(canceled).toMatchObject({
      state: 'canceled',
      canceledAt: '2027-01-31T09:00:00.000Z',
      allowedActions: ['reactivate', 'expire'],
    });
    expect((await act('reactivate')).canceledAt).toBeNull();
    await act('cancel');
    expect((await act('expire')).allowedActions).toEqual([]);
    await act('reactivate', 'too late', 409);

    const timeline =
      (await owner.getJson(`/api/v1/subscriptions/${subscription.id}`)).json<SubscriptionJson>().timeline ??
      [];
    expect(timeline.map((step) => `${step.fromState ?? '·'}→${step.toState} ${step.action}`)).toEqual([
      'canceled→expired expire',
      'active→canceled cancel',
      'canceled→active reactivate',
      'active→canceled cancel',
      'paused→active resume',
      'active→paused pause',
      '·→active created',
    ]);
    expect(timeline[3]).toMatchObject({ reason: 'Customer asked by email', actor: 'owner@example.com' });
  });

  it('lists by customer and state, and lets a viewer read but not act', async () => {
    const trialing = (
      await owner.getJson(`/api/v1/subscriptions?customerId=${berlinCustomerId}&state=trialing`)
    ).json<{ data: SubscriptionJson[]; nextCursor: string | null }>();
    expect(trialing.data).toHaveLength(1);
    expect(trialing.nextCursor).toBeNull();
    expect(
      (await owner.getJson('/api/v1/subscriptions?customerId=not-an-id')).json<{ data: unknown[] }>().data,
    ).toEqual([]);
    await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'subs-viewer@example.com',
      name: 'V',
      role: 'viewer',
      password: 'viewer long password',
    });
    const viewer = await signIn(t.app, 'subs-viewer@example.com', 'viewer long password', '10.90.0.1');
    const [first] = (await viewer.getJson('/api/v1/subscriptions')).json<{ data: SubscriptionJson[] }>().data;
    expect(
      (
        await viewer.sendJson('POST', `/api/v1/subscriptions/${first?.id}/actions`, {
          action: 'cancel',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('shows on the dashboard: active ones counted, trials noted', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the dashboard's figures are cached for a second
    const dashboard = await owner.get('/admin');
    expect(dashboard.body).toMatch(
      /<div class="stat-label">Active subscriptions<\/div><div class="stat-value">3<\/div>/,
    );
    expect(dashboard.body).toContain('Plus 1 in trial.');
  });
});
