import { apiSandbox, type SubscriptionJson } from './api-sandbox.js';
import { BrowserClient, setUpOwner } from './browser-client.js';
import { startTestApp } from './test-app.js';

export interface ReferralJson {
  id: string;
  referrerId: string;
  referredId: string;
  code: string;
  status: string;
  invoiceId: string | null;
  planMonths: number | null;
  reward: { kind: string; description: string; days?: number } | null;
  reversal: { description: string } | null;
  note: string;
}

interface InvoiceJson {
  id: string;
  status: string;
  total: string;
  amountPaid: string;
}

/**
 * The referral tests' start, through the JSON API: an owner signed in, the programme switched on
 * with the default tiers (bonus days), and a product with plans of 1, 2, 3, 6 and 12 months in
 * USD (1000 minor units a month).
 */
export async function startReferralWorld() {
  const t = await startTestApp({
    env: { TOLLGATE_BASE_URL: 'https://billing.example.com' },
  });
  const owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  const api = apiSandbox(owner);

  const product = await api.post<{ id: string }>('/api/v1/products', { name: 'Plex', kind: 'membership' });
  const plans: Record<1 | 2 | 3 | 6 | 12, string> = {} as never;
  for (const months of [1, 2, 3, 6, 12] as const) {
    plans[months] = (
      await api.post<{ id: string }>(`/api/v1/products/${product.id}/plans`, {
        code: `plex-${months}m`,
        name: `${months} months`,
        intervalUnit: 'month',
        intervalCount: months,
        prices: [{ currency: 'USD', amount: 1000 * months }],
      })
    ).id;
  }
  const programme = (body: unknown, status = 200) =>
    api.put<Record<string, unknown>>('/api/v1/referral-programme', body, status);
  await programme({
    enabled: true,
    rewardKind: 'bonus_days',
    tiers: [
      { months: 1, amount: 7 },
      { months: 3, amount: 14 },
      { months: 6, amount: 30 },
      { months: 12, amount: 60 },
    ],
  });

  const world = {
    t,
    owner,
    api,
    plans,
    programme,
    codeOf: async (customerId: string) =>
      (await api.get<{ code: string }>(`/api/v1/customers/${customerId}/referral-code`)).code,
    /** Records that `referrerId` referred `customerId`, through the referrer's code. */
    refer: async (customerId: string, referrerId: string) =>
      api.post<ReferralJson>(`/api/v1/customers/${customerId}/referral`, {
        code: await world.codeOf(referrerId),
      }),
    referralOf: async (referredId: string) => {
      const referrerPage = await api.get<{ data: ReferralJson[] }>('/api/v1/referrals?limit=100');
      const found = referrerPage.data.find((referral) => referral.referredId === referredId);
      if (!found) throw new Error(`no referral for ${referredId}`);
      return found;
    },
    /** The subscription's invoices, oldest first. */
    invoicesOf: async (subscriptionId: string) =>
      (
        await api.get<{ data: InvoiceJson[] }>(`/api/v1/invoices?subscriptionId=${subscriptionId}&limit=100`)
      ).data
        .slice()
        .reverse(),
    pay: (invoiceId: string) =>
      api.post(
        `/api/v1/invoices/${invoiceId}/actions`,
        { action: 'mark_paid', reason: 'Bank transfer' },
        200,
      ),
    refund: (invoiceId: string, amount: number) =>
      api.post(`/api/v1/invoices/${invoiceId}/credit-notes`, {
        amount,
        reason: 'product_unsatisfactory',
        outcome: 'refund',
      }),
    /** A customer on the clock who subscribes to `planId`; answers both. */
    subscriber: async (clockId: string, planId: string) => {
      const customer = await api.customer(clockId);
      const subscription: SubscriptionJson = await api.subscribe(customer.id, planId);
      return { customer, subscription };
    },
  };
  return world;
}

export type ReferralWorld = Awaited<ReturnType<typeof startReferralWorld>>;
