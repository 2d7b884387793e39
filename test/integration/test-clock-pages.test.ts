import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner } from '../support/browser-client.js';
import { fieldErrorText, pageText, toastText } from '../support/page-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Test clocks in the admin, as a browser without JavaScript uses them: create a clock, attach a new
 * customer to it, subscribe them, advance a month and see the renewal on the subscription.
 */

let t: TestApp;
let owner: BrowserClient;
let clockId = '';
let customerId = '';
let subscriptionId = '';
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const idIn = (location: unknown) => uuid.exec(String(location))?.[0] ?? '';

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  const product = (
    await owner.sendJson('POST', '/api/v1/products', { name: 'Jellyfin access', kind: 'membership' })
  ).json<{ id: string }>().id;
  await owner.sendJson('POST', `/api/v1/products/${product}/plans`, {
    code: 'monthly',
    name: 'Monthly',
    intervalUnit: 'month',
    prices: [{ currency: 'USD', amount: 800 }],
  });
});
afterAll(async () => t.close());

describe('test clocks in the admin', () => {
  it('start with a list that explains what they are for, linked from the sidebar', async () => {
    const list = await owner.get('/admin/test-clocks');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/admin/test-clocks"');
    const shown = pageText(list.body);
    expect(shown).toContain('No test clocks yet');
    expect(shown).toContain('A test clock is a frozen "now" for sandbox customers.');
  });

  it('create a clock at a chosen start, refusing a blank name', async () => {
    const blank = await owner.submit('/admin/test-clocks/new', '/admin/test-clocks', {
      name: ' ',
      frozenAt: '2027-01-31T00:00',
    });
    expect(blank.statusCode).toBe(422);
    expect(fieldErrorText(blank.body, 'name')).toBe('is required');

    const created = await owner.submit('/admin/test-clocks/new', '/admin/test-clocks', {
      name: 'Renewal story',
      frozenAt: '2027-01-31T00:00',
    });
    expect(created.statusCode).toBe(303);
    clockId = idIn(created.headers.location);
    const page = await owner.get(`/admin/test-clocks/${clockId}`);
    expect(toastText(page.body)).toBe('Renewal story created, frozen at 31 Jan 2027, 00:00 UTC.');
    expect(pageText(page.body)).toContain('Frozen at 31 Jan 2027, 00:00 UTC');
  });

  it('attach a new customer to it from the customer form and subscribe them on its time', async () => {
    const form = await owner.get(`/admin/customers/new?testClockId=${clockId}`);
    expect(pageText(form.body)).toContain('Sandbox: attach to test clock');
    expect(form.body).toContain(`<option value="${clockId}" selected>`);
    const created = await owner.submit('/admin/customers/new', '/admin/customers', {
      name: 'Sandy Box',
      email: 'sandy@example.com',
      currency: 'USD',
      locale: 'en-US',
      timeZone: 'UTC',
      testClockId: clockId,
    });
    expect(created.statusCode).toBe(303);
    customerId = idIn(created.headers.location);

    const customerPage = await owner.get(`/admin/customers/${customerId}`);
    expect(pageText(customerPage.body)).toContain('Sandbox customer: lives at the time of its test clock');
    expect(customerPage.body).toContain(`href="/admin/test-clocks/${clockId}"`);
    const planId = /<option value="([0-9a-f-]{36})"/.exec(customerPage.body)?.[1] ?? '';
    const subscribed = await owner.submit(
      `/admin/customers/${customerId}`,
      `/admin/customers/${customerId}/subscriptions`,
      { planId, trial: 'skip' },
    );
    expect(subscribed.statusCode).toBe(303);
    const clockPage = await owner.get(`/admin/test-clocks/${clockId}`);
    subscriptionId = /href="\/admin\/subscriptions\/([0-9a-f-]{36})"/.exec(clockPage.body)?.[1] ?? '';
    const shown = pageText(clockPage.body);
    expect(shown).toContain('Sandy Box Jellyfin access · Monthly active 28 Feb 2027');

    const subscription = pageText((await owner.get(`/admin/subscriptions/${subscriptionId}`)).body);
    expect(subscription).toMatch(/Sandbox On test clock Renewal story ?, now 31 Jan 2027, 00:00 UTC/);
    expect(subscription).toContain('Current period 31 Jan 2027, 00:00 UTC → 28 Feb 2027, 00:00 UTC');
  });

  it('refuse an advance into the past and change nothing', async () => {
    const refused = await owner.submit(
      `/admin/test-clocks/${clockId}`,
      `/admin/test-clocks/${clockId}/advance`,
      {
        to: '2027-01-01T00:00',
      },
    );
    expect(refused.statusCode).toBe(422);
    expect(fieldErrorText(refused.body, 'to')).toBe(
      "must be after the clock's time, 2027-01-31T00:00:00.000Z",
    );
    expect(pageText(refused.body)).toContain('Frozen at 31 Jan 2027, 00:00 UTC');
  });

  it('advance one month and show the renewal on the subscription timeline', async () => {
    const advanced = await owner.submit(
      `/admin/test-clocks/${clockId}`,
      `/admin/test-clocks/${clockId}/advance`,
      {
        step: 'month',
      },
    );
    expect(advanced.statusCode).toBe(303);
    const clockPage = await owner.get(`/admin/test-clocks/${clockId}`);
    // 31 January + 1 month is 28 February, as billing periods step: the renewal falls due exactly then.
    // Three steps: the first period's invoice, the renewal, and the renewal's invoice.
    expect(toastText(clockPage.body)).toBe('Ran 3 steps. Now 28 Feb 2027, 00:00 UTC.');
    const shown = pageText(clockPage.body);
    expect(shown).toContain('Frozen at 28 Feb 2027, 00:00 UTC');
    expect(shown).toMatch(
      /Test clock advanced .* 31 Jan 2027, 00:00 UTC → 28 Feb 2027, 00:00 UTC · ran 3 steps/,
    );
    expect(shown).toContain('Sandy Box Jellyfin access · Monthly active 31 Mar 2027');

    const subscription = pageText((await owner.get(`/admin/subscriptions/${subscriptionId}`)).body);
    expect(subscription).toMatch(/Timeline Renewed 28 Feb 2027, 00:00 UTC/);
    expect(subscription).toContain('Current period 28 Feb 2027, 00:00 UTC → 31 Mar 2027, 00:00 UTC');
  });

  it('list clocks with their customers, found by name', async () => {
    const list = pageText((await owner.get('/admin/test-clocks')).body);
    expect(list).toContain('Renewal story 28 Feb 2027, 00:00 UTC ready 1');
    expect(pageText((await owner.get('/admin/test-clocks?q=renewal')).body)).toContain('Renewal story');
    expect(pageText((await owner.get('/admin/test-clocks?q=nothing-like-it')).body)).toContain(
      'Nothing matches',
    );
  });

  it('delete a clock after asking once more; its customers stay', async () => {
    const asked = pageText((await owner.get(`/admin/test-clocks/${clockId}?delete=confirm`)).body);
    expect(asked).toContain(
      'Delete Renewal story? Its customers stay, frozen at 28 Feb 2027, 00:00 UTC; nothing runs for them any more.',
    );
    const deleted = await owner.submit(
      `/admin/test-clocks/${clockId}`,
      `/admin/test-clocks/${clockId}/delete`,
      {},
    );
    expect(deleted.statusCode).toBe(303);
    const list = await owner.get('/admin/test-clocks');
    expect(toastText(list.body)).toBe(
      'Renewal story deleted. Its customers stay, frozen at 28 Feb 2027, 00:00 UTC.',
    );
    expect(pageText(list.body)).toContain('No test clocks yet');
    expect((await owner.get(`/admin/test-clocks/${clockId}`)).statusCode).toBe(404);
    expect((await owner.get(`/admin/customers/${customerId}`)).statusCode).toBe(200);
    const audit = pageText((await owner.get('/admin/audit')).body);
    for (const label of ['Test clock created', 'Test clock advanced', 'Test clock deleted'])
      expect(audit).toContain(label);
  });
});
