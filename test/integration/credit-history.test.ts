import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSandbox, type ApiSandbox, type ErrorJson } from '../support/api-sandbox.js';
import { BrowserClient, setUpOwner } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A customer's credit history through the JSON API: one row per ledger entry, filters, paging, CSV. */

let t: TestApp;
let owner: BrowserClient;
let api: ApiSandbox;
let customerId = '';

interface MovementJson {
  entryId: string;
  kind: string;
  description: string;
  occurredAt: string;
  amount: string;
  unit: string;
}
type HistoryJson = { data: MovementJson[]; nextCursor: string | null };

const historyUrl = (query: string) => `/api/v1/customers/${customerId}/credits/history?${query}`;
const history = (query: string) => api.get<HistoryJson>(historyUrl(query));
const rowsOf = async (query: string) =>
  (await history(query)).data.map((row) => [row.kind, row.amount, row.description]);

beforeAll(async () => {
  // The movements are a day apart: sessions must outlive the clock moving that far.
  t = await startTestApp({
    env: { TOLLGATE_SESSION_IDLE_MINUTES: '43200', TOLLGATE_SESSION_MAX_HOURS: '2160' },
  });
  t.clock.set('2027-03-01T09:00:00Z');
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  api = apiSandbox(owner);
  const planId = await api.quickScalePro();
  customerId = (await api.customer(null)).id;
  const adjust = (body: Record<string, unknown>) =>
    api.post(`/api/v1/customers/${customerId}/credits/adjustments`, body, 200);
  // One movement a day, so the order is the days' order.
  t.clock.set('2027-03-01T10:00:00Z');
  await api.subscribe(customerId, planId);
  t.clock.set('2027-03-02T10:00:00Z');
  await adjust({ direction: 'grant', amount: 500, unit: 'credits', reason: 'Goodwill pack' });
  t.clock.set('2027-03-03T10:00:00Z');
  // 1,000 subscription credits and 200 of the pack: two grants, one movement.
  await api.post(
    `/api/v1/customers/${customerId}/credits/consume`,
    { amount: 1200, unit: 'credits', description: 'GPU job 42' },
    200,
  );
  t.clock.set('2027-03-04T10:00:00Z');
  await adjust({ direction: 'deduct', amount: 100, unit: 'credits', reason: 'Double grant' });
  await adjust({ direction: 'grant', amount: 50, unit: 'GPU minutes', reason: 'Trial minutes' });
});
afterAll(async () => t.close());

describe('credit history API', () => {
  it('lists one row per entry, newest first, netting the customer’s grants: the rows add up to the balance', async () => {
    const page = await history('unit=credits');
    expect(page.nextCursor).toBeNull();
    expect(page.data.map((row) => [row.kind, row.amount, row.description, row.occurredAt])).toEqual([
      ['credits.deducted', '-100', 'Double grant', '2027-03-04T10:00:00.000Z'],
      ['credits.consumed', '-1200', 'GPU job 42', '2027-03-03T10:00:00.000Z'],
      ['credits.adjustment', '500', 'Goodwill pack', '2027-03-02T10:00:00.000Z'],
      ['credits.subscription', '1000', 'Credits of the subscription’s period', '2027-03-01T10:00:00.000Z'],
    ]);
    expect(page.data.every((row) => row.unit === 'credits')).toBe(true);
    const balance = await api.get<{ data: { unit: string; balance: string }[] }>(
      `/api/v1/customers/${customerId}/credits`,
    );
    const sum = page.data.reduce((total, row) => total + BigInt(row.amount), 0n);
    expect(balance.data.find((row) => row.unit === 'credits')?.balance).toBe(sum.toString());
    expect(await rowsOf('unit=GPU+minutes')).toEqual([['credits.adjustment', '50', 'Trial minutes']]);
  });

  it('filters by kind and by days, both days included', async () => {
    expect(await rowsOf('unit=credits&kind=credits.consumed')).toEqual([
      ['credits.consumed', '-1200', 'GPU job 42'],
    ]);
    expect(await rowsOf('unit=credits&from=2027-03-02&to=2027-03-03')).toEqual([
      ['credits.consumed', '-1200', 'GPU job 42'],
      ['credits.adjustment', '500', 'Goodwill pack'],
    ]);
    expect(await rowsOf('unit=credits&from=2027-03-04')).toHaveLength(1);
    expect(await rowsOf('unit=credits&to=2027-02-28&kind=')).toEqual([]);
  });

  it('pages by cursor without skipping or repeating, and refuses a cursor made for other filters', async () => {
    const first = await history('unit=credits&limit=3');
    expect(first.data.map((row) => row.amount)).toEqual(['-100', '-1200', '500']);
    expect(first.nextCursor).not.toBeNull();
    const cursor = encodeURIComponent(first.nextCursor ?? '');
    const second = await history(`unit=credits&limit=3&cursor=${cursor}`);
    expect(second.data.map((row) => row.amount)).toEqual(['1000']);
    expect(second.nextCursor).toBeNull();

    const other = await owner.getJson(historyUrl(`unit=credits&kind=credits.consumed&cursor=${cursor}`));
    expect(other.statusCode).toBe(422);
    expect(Object.keys(other.json<ErrorJson>().error.fields ?? {})).toEqual(['cursor']);
  });

  it('exports the same rows as CSV, filters included', async () => {
    const response = await owner.get(
      `/api/v1/customers/${customerId}/credits/history/export.csv?unit=credits`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="credit-history-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('occurred_at,kind,description,amount,unit,entry_id');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 5).join(','))).toEqual([
      '2027-03-04T10:00:00.000Z,credits.deducted,Double grant,-100,credits',
      '2027-03-03T10:00:00.000Z,credits.consumed,GPU job 42,-1200,credits',
      '2027-03-02T10:00:00.000Z,credits.adjustment,Goodwill pack,500,credits',
      '2027-03-01T10:00:00.000Z,credits.subscription,Credits of the subscription’s period,1000,credits',
    ]);
    const filtered = await owner.get(
      `/api/v1/customers/${customerId}/credits/history/export.csv?unit=credits&kind=credits.consumed`,
    );
    expect(filtered.body.trimEnd().split('\r\n')).toHaveLength(2);
  });

  it('answers 404 for an unknown customer, on the list and the export', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      for (const path of ['history', 'history/export.csv']) {
        const response = await owner.getJson(`/api/v1/customers/${id}/credits/${path}?unit=credits`);
        expect(response.statusCode, `${id} ${path}`).toBe(404);
        expect(response.json<ErrorJson>().error.code).toBe('not_found');
      }
    }
  });

  it('refuses bad filters with 422 naming the field, on the list and before an export starts', async () => {
    const cases: [string, string, string][] = [
      ['', 'unit', 'is required'],
      ['unit=cred:its', 'unit', 'must start with a letter'],
      ['unit=credits&kind=credits.spent', 'kind', 'must be one of credits.subscription'],
      ['unit=credits&from=2027-02-30', 'from', 'must be a day as YYYY-MM-DD'],
      ['unit=credits&to=yesterday', 'to', 'must be a day as YYYY-MM-DD'],
      ['unit=credits&from=2027-03-04&to=2027-03-01', 'to', 'must be the same day as from or later'],
      ['unit=credits&limit=0', 'limit', ''],
    ];
    for (const [query, field, message] of cases) {
      const response = await owner.getJson(historyUrl(query));
      expect(response.statusCode, query).toBe(422);
      const fields = response.json<ErrorJson>().error.fields ?? {};
      expect(Object.keys(fields), query).toEqual([field]);
      expect(fields[field], query).toContain(message);
    }
    const csv = await owner.getJson(
      `/api/v1/customers/${customerId}/credits/history/export.csv?unit=credits&kind=nope`,
    );
    expect(csv.statusCode).toBe(422);
    expect(csv.json<ErrorJson>().error.fields).toHaveProperty('kind');
  });
});
