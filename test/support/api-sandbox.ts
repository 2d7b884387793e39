import { expect } from 'vitest';
import type { BrowserClient } from './browser-client.js';

export interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}

export interface ChargeJson {
  kind: string;
  description: string;
  amount: string;
  currency: string;
  periodStart: string;
  periodEnd: string;
}

export interface SubscriptionJson {
  id: string;
  customerId: string;
  planId: string;
  priceId: string;
  state: string;
  quantity: number;
  currentPeriodStart: string;
  currentPeriodEnd: string;
  cancelAtPeriodEnd: boolean;
  canceledAt: string | null;
  pendingChange: { planId: string; priceId: string; quantity: number } | null;
  pausedAt: string | null;
  resumeAt: string | null;
  testClockId: string | null;
  nextDueAt: string | null;
  /** Only on GET /api/v1/subscriptions/:id. */
  items?: { addonId: string; addonPriceId: string; quantity: number }[];
  charges?: (ChargeJson & { id: string; createdAt: string })[];
  timeline?: { action: string; fromState: string | null; toState: string; reason: string; actor: string }[];
}

export interface TestClockJson {
  id: string;
  name: string;
  frozenAt: string;
  status: string;
  createdAt: string;
}

/**
 * Builds sandbox worlds through the JSON API as an operator would: products and plans, a test
 * clock with a customer on it, subscriptions, and advancing the clock.
 */
export function apiSandbox(client: BrowserClient) {
  let customers = 0;

  async function send<T>(method: string, url: string, body: unknown, status: number): Promise<T> {
    const response = await client.sendJson(method, url, body);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
    return response.json<T>();
  }

  const api = {
    post: <T>(url: string, body: unknown, status = 201) => send<T>('POST', url, body, status),
    put: <T>(url: string, body: unknown, status = 200) => send<T>('PUT', url, body, status),
    async get<T>(url: string, status = 200): Promise<T> {
      const response = await client.getJson(url);
      expect(response.statusCode, `GET ${url}: ${response.body}`).toBe(status);
      return response.json<T>();
    },
    subscription: (id: string) => api.get<SubscriptionJson>(`/api/v1/subscriptions/${id}`),

    /** A product with monthly plans priced in USD, by plan code suffix: { basic: 1000, premium: 2000 }. */
    async monthlyPlans<Codes extends string>(name: string, amounts: Record<Codes, number>) {
      const product = await api.post<{ id: string }>('/api/v1/products', { name, kind: 'membership' });
      const plans = {} as Record<Codes, string>;
      for (const [code, amount] of Object.entries(amounts) as [Codes, number][]) {
        plans[code] = (
          await api.post<{ id: string }>(`/api/v1/products/${product.id}/plans`, {
            code: `${name.toLowerCase().replaceAll(' ', '-')}-${code}`,
            name: code,
            intervalUnit: 'month',
            prices: [{ currency: 'USD', amount }],
          })
        ).id;
      }
      return { productId: product.id, plans };
    },

    /** QuickScale's Pro plan: $49 a month with 1,000 credits each period; its id. */
    async quickScalePro() {
      const product = await api.post<{ id: string }>('/api/v1/products', {
        name: 'QuickScale',
        kind: 'service',
      });
      const plan = await api.post<{ id: string }>(`/api/v1/products/${product.id}/plans`, {
        code: 'quickscale-pro',
        name: 'Pro',
        intervalUnit: 'month',
        creditsPerPeriod: 1000,
        creditUnit: 'credits',
        prices: [{ currency: 'USD', amount: 4900 }],
      });
      return plan.id;
    },

    clock: (frozenAt: string, name = 'Sandbox') =>
      api.post<TestClockJson>('/api/v1/test-clocks', { name, frozenAt }),

    advance: (clockId: string, to: string) =>
      api.post<{ clock: TestClockJson; handled: number }>(
        `/api/v1/test-clocks/${clockId}/advance`,
        { to },
        200,
      ),

    /** A USD customer, on the given test clock or (null) on real time. */
    async customer(testClockId: string | null) {
      customers += 1;
      return api.post<{ id: string; testClockId: string | null }>('/api/v1/customers', {
        email: `sandbox${customers}@example.com`,
        name: `Sandbox ${customers}`,
        currency: 'USD',
        ...(testClockId ? { testClockId } : {}),
      });
    },

    subscribe: (customerId: string, planId: string) =>
      api.post<SubscriptionJson>('/api/v1/subscriptions', { customerId, planId, skipTrial: true }),

    /** A test clock at `at`, a customer on it, and a paid subscription to `planId` from then. */
    async sandboxSubscription(at: string, planId: string) {
      const clock = await api.clock(at);
      const customer = await api.customer(clock.id);
      return { clock, subscription: await api.subscribe(customer.id, planId) };
    },
  };
  return api;
}

export type ApiSandbox = ReturnType<typeof apiSandbox>;
