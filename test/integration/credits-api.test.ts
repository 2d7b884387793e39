import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/modules/events/index.js';
import { verifyLedger } from '../../src/modules/ledger/index.js';
import { apiSandbox, type ApiSandbox, type ErrorJson } from '../support/api-sandbox.js';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Usage credits through the JSON API: allocations, consumption, adjustments and thresholds. */

let t: TestApp;
let owner: BrowserClient;
let api: ApiSandbox;
let planId: string;
let packPlanId: string;

interface BalanceJson {
  unit: string;
  balance: string;
  subscription: string;
  other: string;
  lowBalanceThreshold: string | null;
  grants: { source: string; granted: string; left: string; grantedAt: string; expiresAt: string | null }[];
}

const creditsOf = async (customerId: string, unit = 'credits') =>
  (await api.get<{ data: BalanceJson[] }>(`/api/v1/customers/${customerId}/credits`)).data.find(
    (row) => row.unit === unit,
  );

const consume = (customerId: string, body: unknown, key?: string) =>
  owner.request({
    method: 'POST',
    url: `/api/v1/customers/${customerId}/credits/consume`,
    json: body,
    headers: key ? { 'idempotency-key': key } : {},
  });

const give = (customerId: string, amount: number, extra: Record<string, unknown> = {}) =>
  api.post(
    `/api/v1/customers/${customerId}/credits/adjustments`,
    { direction: 'grant', amount, unit: 'credits', reason: 'Pack of 500 (goodwill)', ...extra },
    200,
  );

/** Buys the 500-credit pack (expiring after 30 days) and pays its invoice. */
async function buyPaidPack(customerId: string) {
  const purchase = await api.post<{ invoiceId: string; status: string }>(
    `/api/v1/customers/${customerId}/credits/packs`,
    { planId: packPlanId },
  );
  expect(purchase.status).toBe('awaiting_payment');
  await api.post(
    `/api/v1/invoices/${purchase.invoiceId}/actions`,
    { action: 'mark_paid', reason: 'Bank transfer' },
    200,
  );
  return purchase;
}

/** A customer on real time subscribed to the 1,000-credit plan. */
async function subscriber() {
  const customer = await api.customer(null);
  await api.subscribe(customer.id, planId);
  return customer.id;
}

beforeAll(async () => {
  // The concurrency test sends 200 requests from one address at once.
  t = await startTestApp({ env: { TOLLGATE_RATE_LIMIT_PER_MINUTE: '100000' } });
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  api = apiSandbox(owner);
  planId = await api.quickScalePro();
  const packs = await api.post<{ id: string }>('/api/v1/products', {
    name: 'QuickScale packs',
    kind: 'credits',
  });
  packPlanId = (
    await api.post<{ id: string }>(`/api/v1/products/${packs.id}/plans`, {
      code: 'quickscale-500',
      name: '500 credits',
      intervalUnit: 'one_time',
      creditsPerPeriod: 500,
      creditUnit: 'credits',
      creditExpiryDays: 30,
      prices: [{ currency: 'USD', amount: 2000 }],
    })
  ).id;
});
afterAll(async () => t.close());

describe('consuming credits', () => {
  it('spends subscription credits first, then packs: QuickScale’s 1,000 + 500, consume 1,200 → 300 pack credits left', async () => {
    const customerId = await subscriber();
    await buyPaidPack(customerId);
    expect(await creditsOf(customerId)).toMatchObject({
      balance: '1500',
      subscription: '1000',
      other: '500',
    });

    const response = await consume(customerId, { amount: 1200, unit: 'credits', description: 'GPU job 42' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ unit: 'credits', consumed: '1200', balance: '300' });
    expect(await creditsOf(customerId)).toMatchObject({ balance: '300', subscription: '0', other: '300' });
    expect((await verifyLedger(t.database.db)).differences).toEqual([]);
  });

  it('refuses what the balance does not cover with insufficient_credits, and consumes nothing', async () => {
    const customerId = await subscriber();
    const response = await consume(customerId, { amount: 1001, unit: 'credits', description: 'Too big' });
    expect(response.statusCode).toBe(409);
    expect(response.json<ErrorJson>().error).toMatchObject({
      code: 'insufficient_credits',
      fields: { amount: 'is more than the 1000 credits available' },
    });
    expect((await creditsOf(customerId))?.balance).toBe('1000');
  });

  it('names each bad field and changes nothing', async () => {
    const customerId = await subscriber();
    for (const [body, field] of [
      [{ amount: 0, unit: 'credits', description: 'x' }, 'amount'],
      [{ amount: -5, unit: 'credits', description: 'x' }, 'amount'],
      [{ amount: 1.5, unit: 'credits', description: 'x' }, 'amount'],
      [{ amount: 5, unit: 'cred:its', description: 'x' }, 'unit'],
      [{ amount: 5, unit: 'credits', description: '  ' }, 'description'],
    ] as const) {
      const response = await consume(customerId, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(422);
      expect(Object.keys(response.json<ErrorJson>().error.fields ?? {})).toEqual([field]);
    }
    expect((await creditsOf(customerId))?.balance).toBe('1000');
    const missing = await consume('00000000-0000-4000-8000-000000000000', {
      amount: 1,
      unit: 'credits',
      description: 'x',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('applies a repeat with the same Idempotency-Key once and answers the same; another body with that key is refused', async () => {
    const customerId = await subscriber();
    const body = { amount: 100, unit: 'credits', description: 'Batch 7' };
    const first = await consume(customerId, body, 'batch-7');
    const again = await consume(customerId, body, 'batch-7');
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((await creditsOf(customerId))?.balance).toBe('900');

    const other = await consume(customerId, { ...body, amount: 101 }, 'batch-7');
    expect(other.statusCode).toBe(422);
    expect(other.json<ErrorJson>().error.fields).toEqual({
      'Idempotency-Key': 'was already used for a different request',
    });
    expect((await creditsOf(customerId))?.balance).toBe('900');
  });

  it('lets 100 of 200 simultaneous consumes through against a balance that covers 100: ends at zero, never below', async () => {
    const customerId = await subscriber(); // 1,000 credits: 100 consumes of 10
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        consume(customerId, { amount: 10, unit: 'credits', description: `Request ${n}` }),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(100);
    expect(statuses.filter((status) => status === 409)).toHaveLength(100);
    // Each success saw the balance its own spend left; together they count down 990 … 0 once each.
    const left = answers
      .filter((answer) => answer.statusCode === 200)
      .map((answer) => Number(answer.json<{ balance: string }>().balance))
      .sort((a, b) => b - a);
    expect(left).toEqual(Array.from({ length: 100 }, (_, n) => 990 - n * 10));
    expect((await creditsOf(customerId))?.balance).toBe('0');
    const { differences } = await verifyLedger(t.database.db);
    expect(differences).toEqual([]);
  });

  it('asks a viewer to leave consumption to support staff and up', async () => {
    const customerId = await subscriber();
    await api.post('/api/v1/staff-users', {
      email: 'viewer@example.com',
      name: 'Viewer',
      role: 'viewer',
      password: 'a viewer password 123',
    });
    const viewer = await signIn(t.app, 'viewer@example.com', 'a viewer password 123', '10.62.0.1');
    expect((await viewer.getJson(`/api/v1/customers/${customerId}/credits`)).statusCode).toBe(200);
    const response = await viewer.sendJson('POST', `/api/v1/customers/${customerId}/credits/consume`, {
      amount: 1,
      unit: 'credits',
      description: 'x',
    });
    expect(response.statusCode).toBe(403);
    expect((await creditsOf(customerId))?.balance).toBe('1000');
  });
});

describe('adjustments and the low-balance threshold', () => {
  it('needs a reason, and never takes credits below zero', async () => {
    const customerId = await subscriber();
    const noReason = await owner.sendJson('POST', `/api/v1/customers/${customerId}/credits/adjustments`, {
      direction: 'grant',
      amount: 10,
      unit: 'credits',
      reason: '',
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json<ErrorJson>().error.fields).toHaveProperty('reason');
    const tooMuch = await owner.sendJson('POST', `/api/v1/customers/${customerId}/credits/adjustments`, {
      direction: 'deduct',
      amount: 1001,
      unit: 'credits',
      reason: 'Correction',
    });
    expect(tooMuch.statusCode).toBe(409);
    await api.post(
      `/api/v1/customers/${customerId}/credits/adjustments`,
      { direction: 'deduct', amount: 400, unit: 'credits', reason: 'Double grant in March' },
      200,
    );
    expect((await creditsOf(customerId))?.balance).toBe('600');
  });

  it('fires credits.low_balance once per crossing, and again after the balance rises back', async () => {
    const customerId = await subscriber();
    const set = await owner.sendJson('PUT', `/api/v1/customers/${customerId}/credits/threshold`, {
      unit: 'credits',
      threshold: 250,
    });
    expect(set.statusCode, set.body).toBe(204);
    const lowEvents = async () =>
      (await listEvents(t.database.db, { limit: 100 })).filter(
        (event) => event.type === 'credits.low_balance' && event.entityId === customerId,
      );
    const spend = (amount: number) => consume(customerId, { amount, unit: 'credits', description: 'Use' });

    await spend(700); // 300 left: above
    expect(await lowEvents()).toHaveLength(0);
    await spend(100); // 200: crossed
    await spend(50); // 150: still below, no second event
    expect((await lowEvents()).map((event) => event.payload)).toEqual([
      { customerId, unit: 'credits', balance: '200', threshold: '250' },
    ]);
    await give(customerId, 500); // 650: back above, re-armed
    await spend(450); // 200: crossed again
    expect(await lowEvents()).toHaveLength(2);
    expect((await creditsOf(customerId))?.lowBalanceThreshold).toBe('250');
  });
});

describe('credit packs', () => {
  it('grants a pack when its invoice is paid, expiring after the plan’s days, and takes back the refunded share', async () => {
    const customerId = (await api.customer(null)).id;
    const purchase = await api.post<{ invoiceId: string; credits: string; expiryDays: number }>(
      `/api/v1/customers/${customerId}/credits/packs`,
      { planId: packPlanId },
    );
    expect(purchase).toMatchObject({ credits: '500', expiryDays: 30 });
    expect(await creditsOf(customerId)).toBeUndefined(); // nothing until it is paid

    await api.post(
      `/api/v1/invoices/${purchase.invoiceId}/actions`,
      { action: 'mark_paid', reason: 'Cash' },
      200,
    );
    const granted = await creditsOf(customerId);
    expect(granted).toMatchObject({ balance: '500', subscription: '0', other: '500' });
    const [grant] = granted?.grants ?? [];
    const days = (Date.parse(grant?.expiresAt ?? '') - Date.parse(grant?.grantedAt ?? '')) / 86_400_000;
    expect(days).toBe(30);

    await consume(customerId, { amount: 100, unit: 'credits', description: 'Used before the refund' });
    // Half the money back: half the pack's credits (250) come back out of the 400 left.
    await api.post(`/api/v1/invoices/${purchase.invoiceId}/credit-notes`, {
      amount: 1000,
      reason: 'product_unsatisfactory',
      outcome: 'refund',
    });
    expect((await creditsOf(customerId))?.balance).toBe('150');
    expect((await verifyLedger(t.database.db)).differences).toEqual([]);
  });

  it('refuses a plan that is not a credit pack', async () => {
    const customerId = (await api.customer(null)).id;
    const response = await owner.sendJson('POST', `/api/v1/customers/${customerId}/credits/packs`, {
      planId,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json<ErrorJson>().error.fields).toEqual({
      planId: 'is not a credit pack (a one-time plan with credits)',
    });
  });
});
