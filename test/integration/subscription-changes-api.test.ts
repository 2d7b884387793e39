import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSandbox,
  type ApiSandbox,
  type ChargeJson,
  type ErrorJson,
  type SubscriptionJson,
} from '../support/api-sandbox.js';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Subscription changes (preview and commit) and price migrations through the JSON API. */

interface StepJson {
  effectiveAt: string;
  action: string | null;
  state: string;
  period: { start: string; end: string };
  charges: ChargeJson[];
  total: { amount: string; currency: string };
  scheduledChange: { planId: string; priceId: string; quantity: number; effectiveAt: string } | null;
  cancelAtPeriodEnd: boolean;
  credits: { unit: string; grant: string; unspent: string } | null;
  items: { addonId: string; addonPriceId: string; quantity: number }[];
  subscription: SubscriptionJson;
}

interface MigrationJson {
  targetPriceId: string;
  targetVersion: number;
  count: number;
  skipped: number;
  lines: {
    subscriptionId: string;
    customerId: string;
    fromPriceId: string;
    fromAmount: string;
    toAmount: string;
    effectiveAt: string;
  }[];
}

let t: TestApp;
let owner: BrowserClient;
let api: ApiSandbox;
let productId = '';
let basic = '';
let premium = '';

const changeUrl = (id: string, change: string) => `/api/v1/subscriptions/${id}/${change}`;
const preview = (id: string, change: string, body: unknown, status = 200) =>
  api.post<StepJson>(`${changeUrl(id, change)}/preview`, body, status);
const commit = (id: string, change: string, body: unknown, status = 200) =>
  api.post<StepJson>(changeUrl(id, change), body, status);
const amounts = (step: StepJson) => step.charges.map((line) => [line.kind, line.amount]);
// What changes moved, leaving out the whole periods that subscribing and renewing bill.
const changeCharges = <Line extends { kind: string }>(lines: Line[] | undefined) =>
  (lines ?? []).filter((line) => !['period_charge', 'addon_charge', 'setup_fee'].includes(line.kind));

beforeAll(async () => {
  // One test moves real time past a quote's hour; the session must outlive that.
  t = await startTestApp({ env: { TOLLGATE_SESSION_IDLE_MINUTES: '600' } });
  t.clock.set('2027-01-15T12:00:00Z');
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  api = apiSandbox(owner);
  ({
    productId,
    plans: { basic, premium },
  } = await api.monthlyPlans('Changes', { basic: 1000, premium: 2000 }));
});
afterAll(async () => t.close());

describe('preview and commit', () => {
  it("Stripe's example: $10 → $20 at the exact middle of a 30-day period credits 5.00, charges 10.00", async () => {
    // April has 30 days; 16 April 00:00 UTC is its exact middle.
    const { clock, subscription } = await api.sandboxSubscription('2027-04-01T00:00:00Z', basic);
    await api.advance(clock.id, '2027-04-16T00:00:00Z');

    const quote = await preview(subscription.id, 'change-plan', { planId: premium });
    expect(quote).toMatchObject({
      effectiveAt: '2027-04-16T00:00:00.000Z',
      action: 'plan_changed',
      state: 'active',
      period: { start: '2027-04-01T00:00:00.000Z', end: '2027-05-01T00:00:00.000Z' },
      total: { amount: '500', currency: 'USD' },
      scheduledChange: null,
      credits: null,
      items: [],
    });
    expect(amounts(quote)).toEqual([
      ['proration_credit', '-500'],
      ['proration_charge', '1000'],
    ]);
    expect(quote.subscription.planId).toBe(premium);
    // A preview writes nothing.
    expect((await api.subscription(subscription.id)).planId).toBe(basic);

    const done = await commit(subscription.id, 'change-plan', {
      planId: premium,
      quotedAt: quote.effectiveAt,
      reason: 'Wants 4K',
    });
    expect(done).toEqual(quote);
    const after = await api.subscription(subscription.id);
    expect(after.planId).toBe(premium);
    expect(changeCharges(after.charges).map((line) => [line.kind, line.amount, line.periodStart])).toEqual([
      ['proration_credit', '-500', '2027-04-16T00:00:00.000Z'],
      ['proration_charge', '1000', '2027-04-16T00:00:00.000Z'],
    ]);
    expect(after.timeline?.[0]).toMatchObject({ action: 'plan_changed', reason: 'Wants 4K' });
  });

  it('commits exactly the quote when real time has moved on since the preview; a stale quote is refused', async () => {
    const customer = await api.customer(null);
    const subscription = await api.subscribe(customer.id, basic);
    t.clock.advance(3 * 3_600_000);
    const quote = await preview(subscription.id, 'change-plan', { planId: premium });
    t.clock.advance(10 * 60_000);
    const done = await commit(subscription.id, 'change-plan', {
      planId: premium,
      quotedAt: quote.effectiveAt,
    });
    expect(done).toEqual(quote);

    const later = await preview(subscription.id, 'change-plan', { planId: basic, timing: 'now' });
    t.clock.advance(61 * 60_000);
    const stale = await commit(
      subscription.id,
      'change-plan',
      { planId: basic, timing: 'now', quotedAt: later.effectiveAt },
      422,
    );
    expect((stale as unknown as ErrorJson).error.fields?.['quotedAt']).toMatch(/preview again/);
    expect((await api.subscription(subscription.id)).planId).toBe(premium);
  });
});

describe('plan changes booked for the period end', () => {
  it('books a downgrade with no money moved and applies it at renewal', async () => {
    const { clock, subscription } = await api.sandboxSubscription('2027-03-01T00:00:00Z', premium);
    await api.advance(clock.id, '2027-03-10T00:00:00Z');
    const step = await commit(subscription.id, 'change-plan', { planId: basic });
    expect(step).toMatchObject({
      action: 'plan_change_scheduled',
      charges: [],
      total: { amount: '0', currency: 'USD' },
      scheduledChange: { planId: basic, quantity: 1, effectiveAt: '2027-04-01T00:00:00.000Z' },
    });
    const booked = await api.subscription(subscription.id);
    expect(booked).toMatchObject({ planId: premium, pendingChange: { planId: basic, quantity: 1 } });
    expect(booked.pendingChange?.priceId).toBe(step.scheduledChange?.priceId);

    await api.advance(clock.id, '2027-04-01T00:00:01Z');
    const renewed = await api.subscription(subscription.id);
    expect(renewed).toMatchObject({
      planId: basic,
      priceId: step.scheduledChange?.priceId,
      pendingChange: null,
      currentPeriodStart: '2027-04-01T00:00:00.000Z',
      currentPeriodEnd: '2027-05-01T00:00:00.000Z',
    });
    // No money moved for the booking: March billed at Premium, April at Basic.
    expect(renewed.charges?.map((line) => [line.kind, line.amount, line.periodStart])).toEqual([
      ['period_charge', '2000', '2027-03-01T00:00:00.000Z'],
      ['period_charge', '1000', '2027-04-01T00:00:00.000Z'],
    ]);
    expect(renewed.timeline?.[0]?.action).toBe('renewed');
  });
});

describe('cancelling', () => {
  it('cancels at the period end, then takes it back; a second undo is a conflict', async () => {
    const { subscription } = await api.sandboxSubscription('2027-05-01T00:00:00Z', basic);
    const booked = await commit(subscription.id, 'cancel', {});
    expect(booked).toMatchObject({ state: 'active', cancelAtPeriodEnd: true, charges: [] });
    expect((await api.subscription(subscription.id)).cancelAtPeriodEnd).toBe(true);

    const undone = await commit(subscription.id, 'undo-cancel', {});
    expect(undone).toMatchObject({ action: 'cancel_undone', state: 'active', cancelAtPeriodEnd: false });
    const again = await commit(subscription.id, 'undo-cancel', {}, 409);
    expect((again as unknown as ErrorJson).error.message).toMatch(/not set to cancel/);
    expect((await api.subscription(subscription.id)).cancelAtPeriodEnd).toBe(false);
  });

  it('cancels now with proration: the unused half comes back as a credit', async () => {
    const { clock, subscription } = await api.sandboxSubscription('2027-04-01T00:00:00Z', basic);
    await api.advance(clock.id, '2027-04-16T00:00:00Z');
    const step = await commit(subscription.id, 'cancel', { when: 'now', prorate: true });
    expect(step).toMatchObject({
      action: 'cancel',
      state: 'canceled',
      total: { amount: '-500', currency: 'USD' },
      subscription: { state: 'canceled', canceledAt: '2027-04-16T00:00:00.000Z' },
    });
    expect(amounts(step)).toEqual([['cancellation_credit', '-500']]);
  });
});

describe('pausing, extending, reactivating', () => {
  it('pauses and resumes keeping the time that was left', async () => {
    const { clock, subscription } = await api.sandboxSubscription('2027-04-01T00:00:00Z', basic);
    await api.advance(clock.id, '2027-04-16T00:00:00Z'); // 15 days of the period left
    const paused = await commit(subscription.id, 'pause', {});
    expect(paused).toMatchObject({ state: 'paused', subscription: { pausedAt: '2027-04-16T00:00:00.000Z' } });
    // Nothing is due while paused without an end: advancing past the period end renews nothing.
    await api.advance(clock.id, '2027-05-06T00:00:00Z');
    expect((await api.subscription(subscription.id)).state).toBe('paused');

    const resumed = await commit(subscription.id, 'resume', {});
    expect(resumed).toMatchObject({
      state: 'active',
      charges: [],
      period: { start: '2027-05-06T00:00:00.000Z', end: '2027-05-21T00:00:00.000Z' },
      subscription: { pausedAt: null, nextDueAt: '2027-05-21T00:00:00.000Z' },
    });
  });

  it('resumes by itself at a booked time', async () => {
    const { clock, subscription } = await api.sandboxSubscription('2027-04-01T00:00:00Z', basic);
    const paused = await commit(subscription.id, 'pause', { resumeAt: '2027-04-11T00:00:00Z' });
    expect(paused.subscription.resumeAt).toBe('2027-04-11T00:00:00.000Z');
    await api.advance(clock.id, '2027-04-12T00:00:00Z');
    expect(await api.subscription(subscription.id)).toMatchObject({
      state: 'active',
      currentPeriodStart: '2027-04-11T00:00:00.000Z',
      currentPeriodEnd: '2027-05-11T00:00:00.000Z',
    });
  });

  it('extends the period by whole days at no charge', async () => {
    const { subscription } = await api.sandboxSubscription('2027-04-01T00:00:00Z', basic);
    const step = await commit(subscription.id, 'extend', { days: 5 });
    expect(step).toMatchObject({
      action: 'extended',
      charges: [],
      period: { start: '2027-04-01T00:00:00.000Z', end: '2027-05-06T00:00:00.000Z' },
    });
    expect((await api.subscription(subscription.id)).currentPeriodEnd).toBe('2027-05-06T00:00:00.000Z');
  });

  it('reactivates inside the grace window, and refuses (409) once it has closed', async () => {
    const inside = await api.sandboxSubscription('2027-04-01T00:00:00Z', basic);
    await commit(inside.subscription.id, 'cancel', { when: 'now' });
    await api.advance(inside.clock.id, '2027-04-11T00:00:00Z');
    const back = await commit(inside.subscription.id, 'reactivate', {});
    expect(back).toMatchObject({
      state: 'active',
      charges: [],
      period: { start: '2027-04-01T00:00:00.000Z', end: '2027-05-01T00:00:00.000Z' },
      subscription: { canceledAt: null },
    });

    const outside = await api.sandboxSubscription('2027-04-01T00:00:00Z', basic);
    await commit(outside.subscription.id, 'cancel', { when: 'now' });
    await api.advance(outside.clock.id, '2027-05-02T00:00:00Z'); // the plan's 30-day window has closed
    await preview(outside.subscription.id, 'reactivate', {}, 409);
    await commit(outside.subscription.id, 'reactivate', {}, 409);
    expect((await api.subscription(outside.subscription.id)).state).toBe('expired');
  });
});

describe('add-on lines', () => {
  it('adds, changes and removes an add-on with the rest of the period prorated', async () => {
    const addon = await api.post<{ id: string; prices: { id: string }[] }>('/api/v1/addons', {
      productId,
      code: 'extra-stream',
      name: 'Extra stream',
      maxQuantity: 5,
      prices: [{ currency: 'USD', intervalUnit: 'month', amount: 300 }],
    });
    const { clock, subscription } = await api.sandboxSubscription('2027-04-01T00:00:00Z', basic);
    await api.advance(clock.id, '2027-04-16T00:00:00Z');

    const added = await commit(subscription.id, 'items', { addonId: addon.id, quantity: 2 });
    expect(added).toMatchObject({
      action: 'addons_changed',
      total: { amount: '300', currency: 'USD' },
      items: [{ addonId: addon.id, addonPriceId: addon.prices[0]?.id, quantity: 2 }],
    });
    expect((await api.subscription(subscription.id)).items).toEqual([
      { addonId: addon.id, addonPriceId: addon.prices[0]?.id, quantity: 2 },
    ]);

    const fewer = await commit(subscription.id, 'items', { addonId: addon.id, quantity: 1 });
    expect(amounts(fewer)).toEqual([['proration_credit', '-150']]);
    const removed = await commit(subscription.id, 'items', { addonId: addon.id, quantity: 0 });
    expect(removed.items).toEqual([{ addonId: addon.id, addonPriceId: addon.prices[0]?.id, quantity: 0 }]);

    const after = await api.subscription(subscription.id);
    expect(after.items).toEqual([]);
    expect(changeCharges(after.charges).map((line) => line.amount)).toEqual(['300', '-150', '-150']);
  });
});

describe('refusals change nothing', () => {
  let subscriptionId = '';
  let otherProductPlan = '';
  beforeAll(async () => {
    ({
      subscription: { id: subscriptionId },
    } = await api.sandboxSubscription('2027-06-01T00:00:00Z', basic));
    ({
      plans: { gold: otherProductPlan },
    } = await api.monthlyPlans('Elsewhere', { gold: 3000 }));
  });

  it.each([
    [
      'an unknown plan',
      'change-plan',
      () => ({ planId: '00000000-0000-4000-8000-000000000000' }),
      422,
      { planId: 'is not a plan' },
    ],
    [
      'a plan of another product',
      'change-plan',
      () => ({ planId: otherProductPlan }),
      422,
      { planId: /another product/ },
    ],
    ['quantity 0', 'change-plan', () => ({ quantity: 0 }), 422, { quantity: /at least 1/ }],
    [
      'the current plan and quantity',
      'change-plan',
      () => ({ planId: basic }),
      422,
      { planId: /current plan/ },
    ],
    ['an unknown timing', 'change-plan', () => ({ planId: premium, timing: 'later' }), 422, { timing: /./ }],
    ['extending by 0 days', 'extend', () => ({ days: 0 }), 422, { days: /at least 1/ }],
    [
      'an unknown add-on',
      'items',
      () => ({ addonId: 'nope', quantity: 1 }),
      422,
      { addonId: /not an add-on/ },
    ],
    [
      'a resume time in the past',
      'pause',
      () => ({ resumeAt: '2027-05-01T00:00:00Z' }),
      422,
      { resumeAt: /after now/ },
    ],
    ['resuming an active subscription', 'resume', () => ({}), 409, undefined],
    ['reactivating an active subscription', 'reactivate', () => ({}), 409, undefined],
    ['undoing a cancellation that was never booked', 'undo-cancel', () => ({}), 409, undefined],
  ])('refuses %s, in preview and commit alike', async (_case, change, body, status, fields) => {
    const before = await api.subscription(subscriptionId);
    const refusals = [
      await preview(subscriptionId, change, body(), status),
      await commit(subscriptionId, change, body(), status),
    ] as unknown as ErrorJson[];
    for (const refusal of refusals) {
      if (fields) expect(refusal.error.fields).toEqual(fieldsMatching(fields));
      else expect(refusal.error.code).toBe('conflict');
    }
    expect(await api.subscription(subscriptionId)).toEqual(before);
  });

  it('answers 404 for an unknown subscription', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      await preview(id, 'extend', { days: 1 }, 404);
      await commit(id, 'extend', { days: 1 }, 404);
    }
  });

  it('lets a viewer preview but not commit', async () => {
    await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'changes-viewer@example.com',
      name: 'V',
      role: 'viewer',
      password: 'viewer long password',
    });
    const viewer = await signIn(t.app, 'changes-viewer@example.com', 'viewer long password', '10.91.0.1');
    const before = await api.subscription(subscriptionId);
    const quote = await viewer.sendJson('POST', `${changeUrl(subscriptionId, 'extend')}/preview`, {
      days: 3,
    });
    expect(quote.statusCode).toBe(200);
    expect((await viewer.sendJson('POST', changeUrl(subscriptionId, 'extend'), { days: 3 })).statusCode).toBe(
      403,
    );
    expect(await api.subscription(subscriptionId)).toEqual(before);
  });
});

function fieldsMatching(fields: Record<string, string | RegExp>) {
  return Object.fromEntries(
    Object.entries(fields).map(([field, reason]) => [
      field,
      typeof reason === 'string' ? reason : expect.stringMatching(reason),
    ]),
  );
}

describe('price migrations', () => {
  it('previews and books the move of grandfathered subscribers to the current price at their renewal', async () => {
    const {
      plans: { solo },
    } = await api.monthlyPlans('Migrating', { solo: 1000 });
    const { clock, subscription } = await api.sandboxSubscription('2027-07-01T00:00:00Z', solo);
    const newPrice = await api.post<{ id: string; version: number }>(`/api/v1/plans/${solo}/prices`, {
      currency: 'USD',
      amount: 1200,
    });
    const url = `/api/v1/plans/${solo}/price-migrations`;

    const quote = await api.post<MigrationJson>(`${url}/preview`, { currency: 'usd' }, 200);
    expect(quote).toEqual({
      targetPriceId: newPrice.id,
      targetVersion: 2,
      count: 1,
      skipped: 0,
      lines: [
        {
          subscriptionId: subscription.id,
          customerId: subscription.customerId,
          fromPriceId: subscription.priceId,
          fromAmount: '1000',
          toAmount: '1200',
          effectiveAt: '2027-08-01T00:00:00.000Z',
        },
      ],
    });
    expect((await api.subscription(subscription.id)).pendingChange).toBeNull();

    expect(
      await api.post<MigrationJson>(url, { currency: 'USD', reason: 'Yearly price review' }, 200),
    ).toEqual(quote);
    expect((await api.subscription(subscription.id)).pendingChange).toEqual({
      planId: solo,
      priceId: newPrice.id,
      quantity: 1,
    });
    await api.advance(clock.id, '2027-08-01T00:00:01Z');
    expect((await api.subscription(subscription.id)).priceId).toBe(newPrice.id);
    // Nobody is left to move.
    expect((await api.post<MigrationJson>(`${url}/preview`, { currency: 'USD' }, 200)).count).toBe(0);
  });

  it('refuses an unknown plan (404) and a currency the plan has no price in (422)', async () => {
    await api.post(
      `/api/v1/plans/00000000-0000-4000-8000-000000000000/price-migrations/preview`,
      { currency: 'USD' },
      404,
    );
    const refused = await api.post<ErrorJson>(
      `/api/v1/plans/${basic}/price-migrations`,
      { currency: 'EUR' },
      422,
    );
    expect(refused.error.fields).toEqual({ currency: expect.stringMatching(/not a currency/) });
  });
});

describe('the OpenAPI document', () => {
  it('lists a preview and a commit for every change, answering one shared shape', async () => {
    interface Operation {
      responses: Record<string, { content: Record<string, { schema: { $ref?: string } }> }>;
    }
    const doc = (await t.app.inject('/api/openapi.json')).json<{
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { properties: object }> };
    }>();
    const answer = (path: string) =>
      doc.paths[path]?.['post']?.responses['200']?.content['application/json']?.schema.$ref;
    const changes = [
      'change-plan',
      'cancel',
      'undo-cancel',
      'pause',
      'resume',
      'extend',
      'reactivate',
      'items',
    ];
    for (const change of changes)
      for (const path of [
        `/api/v1/subscriptions/{id}/${change}`,
        `/api/v1/subscriptions/{id}/${change}/preview`,
      ])
        expect(answer(path), path).toBe('#/components/schemas/SubscriptionChangePreview');
    expect(Object.keys(doc.components.schemas['SubscriptionChangePreview']?.properties ?? {})).toEqual(
      expect.arrayContaining(['effectiveAt', 'charges', 'total', 'scheduledChange', 'subscription']),
    );
    for (const path of ['/api/v1/plans/{id}/price-migrations', '/api/v1/plans/{id}/price-migrations/preview'])
      expect(answer(path), path).toBe('#/components/schemas/PriceMigration');
  });
});
