import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner } from '../support/browser-client.js';
import { pageText, toastText } from '../support/page-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Moving a plan's grandfathered subscribers to its current price from the admin: preview, then confirm. */

let t: TestApp;
let owner: BrowserClient;
let planId = '';
const url = () => `/admin/catalog/plans/${planId}/migrate-prices`;

const pendingPrices = async () =>
  (
    await t.database.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM subscriptions WHERE plan_id = $1 AND pending_price_id IS NOT NULL',
      [planId],
    )
  ).rows[0]?.n;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2027-01-01T00:00:00Z');
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  const product = (
    await owner.sendJson('POST', '/api/v1/products', { name: 'Plex access', kind: 'membership' })
  ).json<{ id: string }>().id;
  planId = (
    await owner.sendJson('POST', `/api/v1/products/${product}/plans`, {
      code: 'monthly',
      name: 'Monthly',
      intervalUnit: 'month',
      prices: [
        { currency: 'USD', amount: 500 },
        { currency: 'EUR', amount: 450 },
      ],
    })
  ).json<{ id: string }>().id;
  for (const [name, quantity] of [
    ['Ann', 1],
    ['Bob', 3],
  ] as const) {
    const customer = (
      await owner.sendJson('POST', '/api/v1/customers', {
        email: `${name.toLowerCase()}@example.com`,
        name,
        currency: 'USD',
      })
    ).json<{ id: string }>().id;
    await owner.sendJson('POST', '/api/v1/subscriptions', {
      customerId: customer,
      planId,
      quantity,
      skipTrial: true,
    });
  }
  await owner.sendJson('POST', `/api/v1/plans/${planId}/prices`, { currency: 'USD', amount: 700 });
});
afterAll(async () => t.close());

describe('price migration page', () => {
  it('offers the currencies of the plan', async () => {
    const page = await owner.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<option value="USD"');
    expect(page.body).toContain('<option value="EUR"');
  });

  it('previews who moves, from what to what and when, writing nothing', async () => {
    const page = pageText((await owner.get(`${url()}?currency=USD`)).body);
    expect(page).toContain(
      '2 subscriptions move to $7.00 every month (version 2) at their next renewal. Nobody pays more for time already bought.',
    );
    expect(page).toContain('Ann 1 $5.00 (version 1) $7.00 1 Feb 2027');
    expect(page).toContain('Bob 3 $15.00 (version 1) $21.00 1 Feb 2027');
    expect(page).toContain('Move 2 subscriptions');
    expect(await pendingPrices()).toBe('0');
    const euro = pageText((await owner.get(`${url()}?currency=EUR`)).body);
    expect(euro).toContain(
      'Nobody to move: every renewing EUR subscriber already pays the current price, €4.50 (version 1).',
    );
  });

  it('refuses a currency the plan has no price in', async () => {
    const refused = await owner.get(`${url()}?currency=GBP`);
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('id="field-currency-error">is not a currency Monthly has a price in');
  });

  it('refuses a confirm made for another set of subscribers, moving nobody', async () => {
    const stale = await owner.submit(`${url()}?currency=USD`, url(), {
      currency: 'USD',
      count: '5',
      reason: '',
    });
    expect(stale.statusCode).toBe(409);
    expect(pageText(stale.body)).toContain(
      'The subscribers changed since the preview: 2 subscriptions would move now. Check the preview again.',
    );
    expect(await pendingPrices()).toBe('0');
  });

  it('books the move for each renewal, with the reason on their timelines', async () => {
    const done = await owner.submit(`${url()}?currency=USD`, url(), {
      currency: 'USD',
      count: '2',
      reason: 'Price rise announced in December',
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/admin/catalog/plans/${planId}`);
    expect(toastText((await owner.get(`/admin/catalog/plans/${planId}`)).body)).toBe(
      '2 subscriptions will move to $7.00 at their next renewal.',
    );
    expect(await pendingPrices()).toBe('2');
    const subscriptionId = /href="\/admin\/subscriptions\/([0-9a-f-]{36})"/.exec(
      (await owner.get('/admin/subscriptions')).body,
    )?.[1];
    const subscription = pageText((await owner.get(`/admin/subscriptions/${subscriptionId}`)).body);
    expect(subscription).toContain(
      'Booked change Moves to the current price $7.00 (version 2) on 1 Feb 2027',
    );
    expect(subscription).toContain('Price migration scheduled');
    expect(subscription).toContain('Price rise announced in December');
    expect(pageText((await owner.get('/admin/audit')).body)).toContain(
      'Subscribers moved to the current price',
    );
  });
});
