import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSandbox, type ApiSandbox } from '../support/api-sandbox.js';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { fieldErrorText, pageText, toastText } from '../support/page-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The customer's credits page and the Credits card of the customer page, driven like a browser. */

let t: TestApp;
let owner: BrowserClient;
let api: ApiSandbox;
let planId = '';

interface BalanceJson {
  unit: string;
  balance: string;
  lowBalanceThreshold: string | null;
}

const pageOf = (customerId: string) => `/admin/customers/${customerId}/credits`;
/** The text of the element with this id, up to the end of its first table (or the whole page). */
const section = (body: string, id: string) =>
  pageText(new RegExp(`id="${id}"[\\s\\S]*?</table>`).exec(body)?.[0] ?? '');
const balanceOf = async (customerId: string, unit = 'credits') =>
  (await api.get<{ data: BalanceJson[] }>(`/api/v1/customers/${customerId}/credits`)).data.find(
    (row) => row.unit === unit,
  );
const adjust = (customerId: string, form: Record<string, string>, client = owner) =>
  client.submit(pageOf(customerId), `${pageOf(customerId)}/adjustments`, form);
const setThreshold = (customerId: string, form: Record<string, string>) =>
  owner.submit(pageOf(customerId), `${pageOf(customerId)}/threshold`, form);

/** A customer subscribed to the 1,000-credit plan at the clock's time. */
async function subscriber() {
  const customer = await api.customer(null);
  await api.subscribe(customer.id, planId);
  return customer.id;
}

beforeAll(async () => {
  t = await startTestApp();
  // The tests move the clock on by minutes, so the owner's session (idle an hour at most) lasts.
  t.clock.set('2027-03-01T10:00:00Z');
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  api = apiSandbox(owner);
  planId = await api.quickScalePro();
});
afterAll(async () => t.close());

describe('credits on the customer page', () => {
  it('shows "No credits yet" for a customer without any, and each unit’s balance with a link otherwise', async () => {
    const empty = (await api.customer(null)).id;
    const emptyPage = await owner.get(`/admin/customers/${empty}`);
    expect(emptyPage.body).toContain('<h3 class="card-title">Credits</h3>');
    expect(pageText(emptyPage.body)).toContain('No credits yet.');
    expect(emptyPage.body).toContain(`href="${pageOf(empty)}"`);

    const customerId = await subscriber();
    const page = await owner.get(`/admin/customers/${customerId}`);
    expect(section(page.body, 'customer-credits')).toContain('credits 1,000');
    expect(page.body).toContain(`href="${pageOf(customerId)}"`);
  });
});

describe('the credits page', () => {
  it('lists balances split by kind, the open grants and the history, one row per movement', async () => {
    const customerId = await subscriber();
    t.clock.set('2027-03-01T10:10:00Z');
    await api.post(
      `/api/v1/customers/${customerId}/credits/adjustments`,
      { direction: 'grant', amount: 500, unit: 'credits', reason: 'Goodwill pack' },
      200,
    );
    t.clock.set('2027-03-01T10:20:00Z');
    await api.post(
      `/api/v1/customers/${customerId}/credits/consume`,
      { amount: 1200, unit: 'credits', description: 'GPU job 42' },
      200,
    );
    const page = await owner.get(pageOf(customerId));
    expect(page.statusCode).toBe(200);
    const text = pageText(page.body);
    expect(text).toContain(
      'Balance 300 credits Subscription credits 0 credits Other credits 300 credits Low-balance threshold None',
    );
    // The emptied subscription grant is closed; the pack is open with 300 of 500 left.
    expect(text).toContain('Given by staff Goodwill pack 500 300 1 Mar 2027, 10:10 UTC Never');
    expect(section(page.body, 'credit-history')).toContain(
      [
        'Date Kind Description Amount',
        '1 Mar 2027, 10:20 UTC Used GPU job 42 −1,200',
        '1 Mar 2027, 10:10 UTC Given by staff Goodwill pack +500',
        '1 Mar 2027, 10:00 UTC Subscription credits Credits of the subscription’s period +1,000',
      ].join(' '),
    );
    expect(page.body).toContain(
      `href="/api/v1/customers/${customerId}/credits/history/export.csv?unit=credits"`,
    );

    const used = await owner.get(`${pageOf(customerId)}?unit=credits&kind=credits.consumed`);
    expect(section(used.body, 'credit-history')).toContain('GPU job 42');
    expect(section(used.body, 'credit-history')).not.toContain('Goodwill pack');
    const none = await owner.get(`${pageOf(customerId)}?unit=credits&from=2027-03-02`);
    expect(pageText(none.body)).toContain('Nothing matches');
    // A malformed filter is no filter, as on the other lists.
    const odd = await owner.get(`${pageOf(customerId)}?unit=credits&kind=nope&from=yesterday`);
    expect(odd.statusCode).toBe(200);
    expect(section(odd.body, 'credit-history')).toContain('Goodwill pack');
  });

  it('pages the history 25 rows at a time', async () => {
    const customerId = await subscriber();
    for (let n = 1; n <= 30; n += 1) {
      t.clock.set(new Date(Date.parse('2027-03-01T10:30:00Z') + n * 1000));
      await api.post(
        `/api/v1/customers/${customerId}/credits/consume`,
        { amount: 1, unit: 'credits', description: `Call ${n}` },
        200,
      );
    }
    const first = await owner.get(pageOf(customerId));
    expect(pageText(first.body)).toContain('1–25 of 31');
    expect(pageText(first.body)).toContain('Call 30');
    const second = await owner.get(`${pageOf(customerId)}?unit=credits&page=2`);
    expect(pageText(second.body)).toContain('26–31 of 31');
    expect(section(second.body, 'credit-history')).toContain('Call 5 ');
    expect(section(second.body, 'credit-history')).not.toContain('Call 6 ');
  });

  it('says so when the customer has no credits', async () => {
    const customerId = (await api.customer(null)).id;
    const page = await owner.get(pageOf(customerId));
    expect(page.statusCode).toBe(200);
    expect(pageText(page.body)).toContain('No credits yet');
    expect(page.body).not.toContain('id="credit-history"');
    expect((await owner.get(pageOf('00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
  });
});

describe('the adjustment form', () => {
  it('gives and takes back credits, with a toast and a line in the history', async () => {
    const customerId = await subscriber();
    t.clock.set('2027-03-01T10:40:00Z');
    const given = await adjust(customerId, {
      direction: 'grant',
      amount: '500',
      unit: 'credits',
      reason: 'Outage on 3 March',
      expiresAt: '2027-06-01T00:00',
    });
    expect(given.statusCode, given.body.slice(0, 300)).toBe(303);
    expect(given.headers.location).toBe(`${pageOf(customerId)}?unit=credits`);
    let page = await owner.get(pageOf(customerId));
    expect(toastText(page.body)).toBe('Gave 500 credits. Balance: 1,500 credits.');
    expect(pageText(page.body)).toContain(
      'Given by staff Outage on 3 March 500 500 1 Mar 2027, 10:40 UTC 1 Jun 2027, 00:00 UTC',
    );

    t.clock.set('2027-03-01T10:45:00Z');
    const taken = await adjust(customerId, {
      direction: 'deduct',
      amount: '200',
      unit: 'credits',
      reason: 'Double grant',
    });
    expect(taken.statusCode).toBe(303);
    page = await owner.get(pageOf(customerId));
    expect(toastText(page.body)).toBe('Took back 200 credits. Balance: 1,300 credits.');
    expect(section(page.body, 'credit-history')).toContain('Taken back by staff Double grant −200');
    expect((await balanceOf(customerId))?.balance).toBe('1300');

    // A unit the customer never had is given like any other, and the page shows it.
    const minutes = await adjust(customerId, {
      direction: 'grant',
      amount: '60',
      unit: 'GPU minutes',
      reason: 'Trial',
    });
    expect(minutes.headers.location).toBe(`${pageOf(customerId)}?unit=GPU+minutes`);
    const minutesPage = await owner.get(minutes.headers.location ?? '');
    expect(section(minutesPage.body, 'credit-history')).toContain('Given by staff Trial +60');
  });

  it('shows each refusal next to its field, keeps what was typed, and changes nothing', async () => {
    const customerId = await subscriber();
    const valid = { direction: 'grant', amount: '10', unit: 'credits', reason: 'Goodwill' };
    const cases: [Record<string, string>, string, string, number][] = [
      [{ ...valid, amount: 'ten' }, 'amount', 'must be a whole number of credits above zero', 422],
      [{ ...valid, amount: '0' }, 'amount', 'must be a whole number of credits above zero', 422],
      [{ ...valid, reason: ' ' }, 'reason', 'is required: say why, for the audit log', 422],
      [{ ...valid, unit: 'cred:its' }, 'unit', 'must start with a letter', 422],
      [{ ...valid, direction: 'steal' }, 'direction', 'must be grant or deduct', 422],
      [{ ...valid, expiresAt: '2027-02-01T00:00' }, 'expiresAt', 'must be in the future', 422],
      [
        { ...valid, direction: 'deduct', expiresAt: '2027-06-01T00:00' },
        'expiresAt',
        'only applies to credits given',
        422,
      ],
      [
        { ...valid, direction: 'deduct', amount: '1001' },
        'amount',
        'is more than the 1000 credits available',
        409,
      ],
    ];
    for (const [form, field, message, status] of cases) {
      const refused = await adjust(customerId, form);
      expect(refused.statusCode, JSON.stringify(form)).toBe(status);
      expect(fieldErrorText(refused.body, field), JSON.stringify(form)).toContain(message);
    }
    const again = await adjust(customerId, { ...valid, amount: 'ten', reason: 'Kept text' });
    expect(again.body).toMatch(/id="field-amount"[^>]*value="ten"/);
    expect(again.body).toMatch(/id="field-reason"[^>]*value="Kept text"/);
    expect((await balanceOf(customerId))?.balance).toBe('1000');
    const history = await api.get<{ data: unknown[] }>(
      `/api/v1/customers/${customerId}/credits/history?unit=credits`,
    );
    expect(history.data).toHaveLength(1);
  });

  it('is not shown to a viewer, and a viewer’s post is refused', async () => {
    const customerId = await subscriber();
    await api.post('/api/v1/staff-users', {
      email: 'val@example.com',
      name: 'Val Viewer',
      role: 'viewer',
      password: 'viewer long password',
    });
    const viewer = await signIn(t.app, 'val@example.com', 'viewer long password');
    const page = await viewer.get(pageOf(customerId));
    expect(page.statusCode).toBe(200);
    expect(pageText(page.body)).toContain('Balance 1,000 credits');
    expect(page.body).not.toContain(`action="${pageOf(customerId)}/adjustments`);
    expect(page.body).not.toContain(`action="${pageOf(customerId)}/threshold`);
    const refused = await adjust(
      customerId,
      { direction: 'grant', amount: '10', unit: 'credits', reason: 'Sneaky' },
      viewer,
    );
    expect(refused.statusCode).toBe(403);
    const threshold = await viewer.submit(pageOf(customerId), `${pageOf(customerId)}/threshold`, {
      thresholdUnit: 'credits',
      threshold: '5',
      action: 'set',
    });
    expect(threshold.statusCode).toBe(403);
    expect(await balanceOf(customerId)).toMatchObject({ balance: '1000', lowBalanceThreshold: null });
  });
});

describe('the threshold form', () => {
  it('sets the low-balance threshold, refuses a bad one next to the field, and removes it', async () => {
    const customerId = await subscriber();
    const set = await setThreshold(customerId, { thresholdUnit: 'credits', threshold: '250', action: 'set' });
    expect(set.statusCode).toBe(303);
    let page = await owner.get(pageOf(customerId));
    expect(toastText(page.body)).toBe('Low-balance threshold for credits set to 250 credits.');
    expect(pageText(page.body)).toContain('Low-balance threshold 250 credits');
    expect(page.body).toMatch(/id="field-threshold"[^>]*value="250"/);

    const bad = await setThreshold(customerId, { thresholdUnit: 'credits', threshold: '-3', action: 'set' });
    expect(bad.statusCode).toBe(422);
    expect(fieldErrorText(bad.body, 'threshold')).toBe('must be a whole number of credits above zero');
    const badUnit = await setThreshold(customerId, {
      thresholdUnit: 'cred:its',
      threshold: '3',
      action: 'set',
    });
    expect(fieldErrorText(badUnit.body, 'thresholdUnit')).toContain('must start with a letter');
    expect((await balanceOf(customerId))?.lowBalanceThreshold).toBe('250');

    const cleared = await setThreshold(customerId, {
      thresholdUnit: 'credits',
      threshold: '250',
      action: 'clear',
    });
    expect(cleared.statusCode).toBe(303);
    page = await owner.get(pageOf(customerId));
    expect(toastText(page.body)).toBe('Low-balance threshold for credits removed.');
    expect(pageText(page.body)).toContain('Low-balance threshold None');
    expect((await balanceOf(customerId))?.lowBalanceThreshold).toBeNull();
  });
});
