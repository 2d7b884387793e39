import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/modules/events/index.js';
import { trialBalance, verifyLedger } from '../../src/modules/ledger/index.js';
import { apiSandbox, type ApiSandbox } from '../support/api-sandbox.js';
import { BrowserClient, setUpOwner } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Credit stories told on a test clock, month by month, through the API. */

let t: TestApp;
let api: ApiSandbox;
let owner: BrowserClient;

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  api = apiSandbox(owner);
});
afterAll(async () => t.close());

interface BalanceJson {
  unit: string;
  balance: string;
  subscription: string;
}

describe('period credits rolling over with a cap', () => {
  it('carries at most 500 unspent credits into each new month for six months, and the books agree', async () => {
    const product = await api.post<{ id: string }>('/api/v1/products', {
      name: 'Render farm',
      kind: 'service',
    });
    const plan = await api.post<{ id: string }>(`/api/v1/products/${product.id}/plans`, {
      code: 'render-1000',
      name: 'Render 1000',
      intervalUnit: 'month',
      creditsPerPeriod: 1000,
      creditUnit: 'GPU minutes',
      creditRolloverCap: 500,
      prices: [{ currency: 'USD', amount: 9900 }],
    });
    const { clock, subscription } = await api.sandboxSubscription('2027-01-01T00:00:00Z', plan.id);
    const customerId = subscription.customerId;
    const balance = async () =>
      (await api.get<{ data: BalanceJson[] }>(`/api/v1/customers/${customerId}/credits`)).data[0]?.balance;
    const use = (amount: number) =>
      api.post(
        `/api/v1/customers/${customerId}/credits/consume`,
        { amount, unit: 'GPU minutes', description: 'Render job' },
        200,
      );

    // Month by month: what is used, then what the next month starts with (carry ≤ 500, plus 1,000).
    const story: [month: string, use: number, startsNextWith: string][] = [
      ['2027-02-01', 200, '1500'], // 800 left → 500 carried, 300 expire
      ['2027-03-01', 1400, '1100'], // 100 left → all 100 carried
      ['2027-04-01', 0, '1500'], // 1,100 left → 500 carried, 600 expire
      ['2027-05-01', 1000, '1500'], // 500 left → all carried
      ['2027-06-01', 1500, '1000'], // nothing left
      ['2027-07-01', 0, '1500'], // 1,000 left → 500 carried, 500 expire
    ];
    expect(await balance()).toBe('1000');
    for (const [month, amount, next] of story) {
      if (amount > 0) await use(amount);
      await api.advance(clock.id, `${month}T00:00:00Z`);
      expect(await balance(), `at ${month}`).toBe(next);
    }

    // 7,000 granted = 4,100 used + 1,400 expired + 1,500 held, and every unit nets to zero.
    const books = (await trialBalance(t.database.db)).find((unit) => unit.unit === 'GPU minutes');
    const operator = (purpose: string) =>
      books?.accounts.find((account) => account.key === `operator:${purpose}:GPU minutes`)?.balance;
    expect(operator('credits_issued')).toBe(-7000n);
    expect(operator('credits_consumed')).toBe(4100n);
    expect(operator('credits_expired')).toBe(1400n);
    expect(books?.total).toBe(0n);
    expect((await verifyLedger(t.database.db)).differences).toEqual([]);
  });
});

describe('credits on a plan change', () => {
  const plans = async (code: string, onPlanChange: 'forfeit' | 'carry') => {
    const product = await api.post<{ id: string }>('/api/v1/products', {
      name: `API ${code}`,
      kind: 'service',
    });
    const plan = (planCode: string, credits: number, amount: number, rule?: string) =>
      api.post<{ id: string }>(`/api/v1/products/${product.id}/plans`, {
        code: `${code}-${planCode}`,
        name: planCode,
        intervalUnit: 'month',
        creditsPerPeriod: credits,
        creditUnit: 'credits',
        ...(rule ? { creditsOnPlanChange: rule } : {}),
        prices: [{ currency: 'USD', amount }],
      });
    return { starter: await plan('starter', 1000, 1900, onPlanChange), pro: await plan('pro', 10_000, 9900) };
  };

  for (const [rule, expected] of [
    ['forfeit', '14'],
    ['carry', '1014'],
  ] as const) {
    it(`an upgrade in the last hour grants that hour’s share; Starter’s unspent credits are ${rule === 'carry' ? 'kept as pay-as-you-go' : 'forfeited'}`, async () => {
      const { starter, pro } = await plans(`last-hour-${rule}`, rule);
      const { clock, subscription } = await api.sandboxSubscription('2027-04-01T00:00:00Z', starter.id);
      await api.advance(clock.id, '2027-04-30T23:00:00Z'); // one hour of 720 left
      await api.post(`/api/v1/subscriptions/${subscription.id}/change-plan`, { planId: pro.id }, 200);
      const [credits] = (
        await api.get<{ data: BalanceJson[] }>(`/api/v1/customers/${subscription.customerId}/credits`)
      ).data;
      // 10,000 × 1/720 = 13.9 → 14, never a whole allocation for an hour's payment.
      expect(credits?.balance).toBe(expected);
      expect(credits?.subscription).toBe('14');
      await api.advance(clock.id, '2027-05-01T00:00:00Z'); // the renewal brings Pro's whole month
      const [renewed] = (
        await api.get<{ data: BalanceJson[] }>(`/api/v1/customers/${subscription.customerId}/credits`)
      ).data;
      expect(renewed?.subscription).toBe('10000');
    });
  }
});

describe('the low-balance threshold across renewals', () => {
  it('is re-armed by the new period’s credits, so the next month’s crossing fires again', async () => {
    const product = await api.post<{ id: string }>('/api/v1/products', {
      name: 'Threshold farm',
      kind: 'service',
    });
    const plan = await api.post<{ id: string }>(`/api/v1/products/${product.id}/plans`, {
      code: 'threshold-1000',
      name: 'Threshold 1000',
      intervalUnit: 'month',
      creditsPerPeriod: 1000,
      creditUnit: 'credits',
      prices: [{ currency: 'USD', amount: 9900 }],
    });
    const { clock, subscription } = await api.sandboxSubscription('2027-01-01T00:00:00Z', plan.id);
    const customerId = subscription.customerId;
    const set = await owner.sendJson('PUT', `/api/v1/customers/${customerId}/credits/threshold`, {
      unit: 'credits',
      threshold: 100,
    });
    expect(set.statusCode, set.body).toBe(204);
    const use = (amount: number) =>
      api.post(
        `/api/v1/customers/${customerId}/credits/consume`,
        { amount, unit: 'credits', description: 'Job' },
        200,
      );
    const lowEvents = async () =>
      (await listEvents(t.database.db, { type: 'credits.low_balance', entityId: customerId })).length;

    await use(950); // 50 left: crossed
    expect(await lowEvents()).toBe(1);
    await api.advance(clock.id, '2027-02-01T00:00:00Z'); // 1,000 new: back over, re-armed
    await use(950);
    expect(await lowEvents()).toBe(2);
  });
});
