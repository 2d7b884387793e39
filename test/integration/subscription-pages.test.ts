import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: BrowserClient;
let customerId = '';

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  const product = (
    await owner.sendJson('POST', '/api/v1/products', { name: 'Discord VIP', kind: 'membership' })
  ).json<{ id: string }>().id;
  await owner.sendJson('POST', `/api/v1/products/${product}/plans`, {
    code: 'vip-monthly',
    name: 'Monthly',
    intervalUnit: 'month',
    trialDays: 3,
    prices: [{ currency: 'USD', amount: 500 }],
  });
  customerId = (
    await owner.sendJson('POST', '/api/v1/customers', {
      email: 'sub@example.com',
      name: 'Subby',
      currency: 'USD',
    })
  ).json<{ id: string }>().id;
});
afterAll(async () => t.close());

describe('subscriptions in the admin', () => {
  it('start with an empty list that says where to begin', async () => {
    const list = await owner.get('/admin/subscriptions');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('No subscriptions yet');
  });

  it('subscribe a customer from their page, starting the trial', async () => {
    const page = await owner.get(`/admin/customers/${customerId}`);
    expect(page.body).toContain('No subscriptions yet.');
    expect(page.body).toContain('Discord VIP · Monthly — $5.00 every month, 3-day trial');
    const planId = /<option value="([0-9a-f-]{36})"/.exec(page.body)?.[1] ?? '';
    const subscribed = await owner.submit(
      `/admin/customers/${customerId}`,
      `/admin/customers/${customerId}/subscriptions`,
      { planId, trial: 'plan' },
    );
    expect(subscribed.statusCode).toBe(303);
    const after = await owner.get(`/admin/customers/${customerId}`);
    expect(after.body).toContain('Subscribed; the trial has started.');
    expect(after.body).toMatch(/Discord VIP · Monthly<\/a>.*trialing/);
  });

  it('refuse a plan that is not on offer, with the error next to the field', async () => {
    const refused = await owner.submit(
      `/admin/customers/${customerId}`,
      `/admin/customers/${customerId}/subscriptions`,
      { planId: 'not-a-plan', trial: 'plan' },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('id="field-planId-error">is not a plan');
  });

  it('show a subscription with its timeline and move it by an allowed action with a reason', async () => {
    const customerPage = await owner.get(`/admin/customers/${customerId}`);
    const id = /href="\/admin\/subscriptions\/([0-9a-f-]{36})"/.exec(customerPage.body)?.[1] ?? '';
    const page = await owner.get(`/admin/subscriptions/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Started as trialing');
    expect(page.body).toContain('$5.00 every month (version 1)');
    const noReason = await owner.submit(`/admin/subscriptions/${id}`, `/admin/subscriptions/${id}/actions`, {
      action: 'cancel',
      reason: '',
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('id="field-reason-error">is required');
    const refused = await owner.submit(`/admin/subscriptions/${id}`, `/admin/subscriptions/${id}/actions`, {
      action: 'resume',
      reason: 'try',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Cannot resume a subscription that is trialing.');
    const converted = await owner.submit(`/admin/subscriptions/${id}`, `/admin/subscriptions/${id}/actions`, {
      action: 'convert_trial',
      reason: 'Paid by bank transfer',
    });
    expect(converted.statusCode).toBe(303);
    const after = await owner.get(`/admin/subscriptions/${id}`);
    expect(after.body).toContain('Now active.');
    expect(after.body).toContain('Convert trial: trialing → active');
    expect(after.body).toContain('Paid by bank transfer');
    expect((await owner.get('/admin/subscriptions/not-a-uuid')).statusCode).toBe(404);
  });

  it('list every subscription, found by state or by the customer', async () => {
    const all = await owner.get('/admin/subscriptions');
    expect(all.body).toMatch(/Subby<\/a>.*Discord VIP · Monthly.*active/s);
    expect((await owner.get('/admin/subscriptions?state=active')).body).toContain('Discord VIP · Monthly');
    expect((await owner.get('/admin/subscriptions?state=paused')).body).toContain('Nothing matches');
    expect((await owner.get('/admin/subscriptions?q=sub%40example.com')).body).toContain(
      'Discord VIP · Monthly',
    );
    expect((await owner.get('/admin/subscriptions?q=nobody-at-all')).body).toContain('Nothing matches');
  });
});
