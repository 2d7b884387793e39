import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../../src/modules/events/index.js';
import { apiSandbox, type ApiSandbox, type ErrorJson, type TestClockJson } from '../support/api-sandbox.js';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Test clocks through the JSON API: sandbox customers whose months pass in one request. */

let t: TestApp;
let owner: BrowserClient;
let api: ApiSandbox;
let monthly = '';

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2026-11-20T08:00:00Z');
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  api = apiSandbox(owner);
  ({
    plans: { monthly },
  } = await api.monthlyPlans('Clocked', { monthly: 1500 }));
});
afterAll(async () => t.close());

const unknownId = '00000000-0000-4000-8000-000000000000';

describe('creating and reading', () => {
  it('creates a clock frozen at the given time, or now, and lists and reads it', async () => {
    const frozen = await api.clock('2027-01-10T00:00:00Z', 'January');
    expect(frozen).toEqual({
      id: expect.any(String),
      name: 'January',
      frozenAt: '2027-01-10T00:00:00.000Z',
      status: 'ready',
      createdAt: '2026-11-20T08:00:00.000Z',
    });
    const now = await api.post<TestClockJson>('/api/v1/test-clocks', { name: 'Now' });
    expect(now.frozenAt).toBe('2026-11-20T08:00:00.000Z');

    expect(await api.get<TestClockJson>(`/api/v1/test-clocks/${frozen.id}`)).toEqual(frozen);
    const list = await api.get<{ data: TestClockJson[]; nextCursor: string | null }>('/api/v1/test-clocks');
    expect(list.data.map((clock) => clock.id)).toEqual(expect.arrayContaining([frozen.id, now.id]));
    expect(list.nextCursor).toBeNull();
  });

  it.each([
    ['no name', { name: '  ' }, { name: 'is required' }],
    [
      'a time that is not one',
      { name: 'Bad', frozenAt: 'soon' },
      { frozenAt: expect.stringMatching(/date/) },
    ],
  ])('refuses %s and creates nothing', async (_case, body, fields) => {
    const before = await api.get<{ data: unknown[] }>('/api/v1/test-clocks');
    const refused = await api.post<ErrorJson>('/api/v1/test-clocks', body, 422);
    expect(refused.error.fields).toEqual(fields);
    expect(await api.get<{ data: unknown[] }>('/api/v1/test-clocks')).toEqual(before);
  });

  it('answers 404 for an unknown clock', async () => {
    await api.get(`/api/v1/test-clocks/${unknownId}`, 404);
    await api.get('/api/v1/test-clocks/nope', 404);
    await api.post(`/api/v1/test-clocks/${unknownId}/advance`, { to: '2030-01-01T00:00:00Z' }, 404);
  });
});

describe('customers on a clock', () => {
  it("attach at creation; their subscriptions start at the clock's time", async () => {
    const clock = await api.clock('2027-01-10T00:00:00Z');
    const customer = await api.customer(clock.id);
    expect(customer.testClockId).toBe(clock.id);
    const subscription = await api.subscribe(customer.id, monthly);
    expect(subscription).toMatchObject({
      testClockId: clock.id,
      currentPeriodStart: '2027-01-10T00:00:00.000Z',
      currentPeriodEnd: '2027-02-10T00:00:00.000Z',
      nextDueAt: '2027-02-10T00:00:00.000Z',
    });
  });

  it('refuses a customer on an unknown clock', async () => {
    const refused = await api.post<ErrorJson>(
      '/api/v1/customers',
      { email: 'lost@example.com', name: 'Lost', currency: 'USD', testClockId: unknownId },
      422,
    );
    expect(refused.error.fields).toEqual({ testClockId: 'is not a test clock' });
  });
});

describe('advancing', () => {
  it('runs three monthly renewals in order when advanced three months', async () => {
    const { clock, subscription } = await api.sandboxSubscription('2027-01-10T00:00:00Z', monthly);
    const advanced = await api.advance(clock.id, '2027-04-10T12:00:00Z');
    expect(advanced.clock).toMatchObject({ frozenAt: '2027-04-10T12:00:00.000Z', status: 'ready' });
    // Three renewals, and four invoices: the first period's (billed at once) and each renewal's.
    expect(advanced.handled).toBe(7);

    const after = await api.subscription(subscription.id);
    expect(after).toMatchObject({
      state: 'active',
      currentPeriodStart: '2027-04-10T00:00:00.000Z',
      currentPeriodEnd: '2027-05-10T00:00:00.000Z',
    });
    expect(
      after.timeline?.filter((line) => line.action === 'renewed').map((line) => [line.actor, line.reason]),
    ).toEqual([
      ['system', 'Renewed for a new period'],
      ['system', 'Renewed for a new period'],
      ['system', 'Renewed for a new period'],
    ]);
    const renewed = await listEvents(t.database.db, {
      entityType: 'subscription',
      entityId: subscription.id,
      type: 'subscription.renewed',
    });
    expect(renewed.map((event) => event.occurredAt.toISOString())).toEqual([
      '2027-02-10T00:00:00.000Z',
      '2027-03-10T00:00:00.000Z',
      '2027-04-10T00:00:00.000Z',
    ]);
  });

  it('refuses to go backwards or stand still (422), and changes nothing', async () => {
    const { clock, subscription } = await api.sandboxSubscription('2027-01-10T00:00:00Z', monthly);
    for (const to of ['2027-01-09T00:00:00Z', '2027-01-10T00:00:00Z']) {
      const refused = await api.post<ErrorJson>(`/api/v1/test-clocks/${clock.id}/advance`, { to }, 422);
      expect(refused.error.fields?.['to']).toMatch(
        /must be after the clock's time, 2027-01-10T00:00:00.000Z/,
      );
    }
    const bad = await api.post<ErrorJson>(`/api/v1/test-clocks/${clock.id}/advance`, { to: 'later' }, 422);
    expect(bad.error.fields?.['to']).toMatch(/date/);
    expect(await api.get<TestClockJson>(`/api/v1/test-clocks/${clock.id}`)).toEqual(clock);
    expect((await api.subscription(subscription.id)).currentPeriodStart).toBe('2027-01-10T00:00:00.000Z');
  });

  it('runs one of two concurrent advances; the other is refused, and nothing runs twice', async () => {
    const { clock, subscription } = await api.sandboxSubscription('2027-01-10T00:00:00Z', monthly);
    const to = '2027-07-10T12:00:00Z';
    const answers = await Promise.all(
      [0, 1].map(() => owner.sendJson('POST', `/api/v1/test-clocks/${clock.id}/advance`, { to })),
    );
    const statuses = answers.map((answer) => answer.statusCode).sort();
    // Refused while the first runs (409), or after it finished, as no longer in the future (422).
    expect([
      [200, 409],
      [200, 422],
    ]).toContainEqual(statuses);
    const after = await api.subscription(subscription.id);
    expect(after.timeline?.filter((line) => line.action === 'renewed')).toHaveLength(6);
    expect(await api.get<TestClockJson>(`/api/v1/test-clocks/${clock.id}`)).toMatchObject({
      frozenAt: '2027-07-10T12:00:00.000Z',
      status: 'ready',
    });
  });
});

describe('deleting and roles', () => {
  it('retires a clock: gone from the list and the address, its customers stay', async () => {
    const { clock, subscription } = await api.sandboxSubscription('2027-01-10T00:00:00Z', monthly);
    const response = await owner.sendJson('DELETE', `/api/v1/test-clocks/${clock.id}`, {});
    expect(response.statusCode).toBe(204);
    await api.get(`/api/v1/test-clocks/${clock.id}`, 404);
    await api.post(`/api/v1/test-clocks/${clock.id}/advance`, { to: '2027-03-01T00:00:00Z' }, 404);
    const list = await api.get<{ data: TestClockJson[] }>('/api/v1/test-clocks');
    expect(list.data.map((row) => row.id)).not.toContain(clock.id);
    expect((await api.subscription(subscription.id)).testClockId).toBe(clock.id);
  });

  it('lets a viewer read clocks but not create, advance or delete them', async () => {
    const clock = await api.clock('2027-01-10T00:00:00Z');
    await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'clock-viewer@example.com',
      name: 'V',
      role: 'viewer',
      password: 'viewer long password',
    });
    const viewer = await signIn(t.app, 'clock-viewer@example.com', 'viewer long password', '10.92.0.1');
    expect((await viewer.getJson(`/api/v1/test-clocks/${clock.id}`)).statusCode).toBe(200);
    expect((await viewer.sendJson('POST', '/api/v1/test-clocks', { name: 'Mine' })).statusCode).toBe(403);
    expect(
      (
        await viewer.sendJson('POST', `/api/v1/test-clocks/${clock.id}/advance`, {
          to: '2027-02-01T00:00:00Z',
        })
      ).statusCode,
    ).toBe(403);
    expect((await viewer.sendJson('DELETE', `/api/v1/test-clocks/${clock.id}`, {})).statusCode).toBe(403);
    expect(await api.get<TestClockJson>(`/api/v1/test-clocks/${clock.id}`)).toEqual(clock);
  });
});
