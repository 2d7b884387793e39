import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: BrowserClient;

interface Page {
  data: { id: string; name?: string; email?: string; createdAt?: string }[];
  nextCursor: string | null;
}
interface ErrorJson {
  error: { code: string; fields?: Record<string, string> };
}

const names = ['Dana', 'alex', 'Alex', 'Bo', 'Dana', 'Chris', 'Bo'];

async function post(url: string, body: unknown): Promise<{ id: string }> {
  const response = await owner.sendJson('POST', url, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>();
}

/** Follows nextCursor from the first page to the last; every page but the last is full. */
async function pageAll(url: string, limit: number) {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const separator = url.includes('?') ? '&' : '?';
    const response = await owner.getJson(
      `${url}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<Page>();
    pages.push(page);
    cursor = page.nextCursor;
    expect(pages.length).toBeLessThan(200);
  } while (cursor);
  for (const page of pages.slice(0, -1)) expect(page.data).toHaveLength(limit);
  return { pages, ids: pages.flatMap((page) => page.data.map((row) => row.id)) };
}

async function idsInOrder(query: string, params: unknown[] = []) {
  return (await t.database.pool.query<{ id: string }>(query, params)).rows.map((row) => String(row.id));
}

function refusal(response: { statusCode: number; json: <T>() => T }, field: string) {
  expect(response.statusCode).toBe(422);
  const body = response.json<ErrorJson>();
  expect(body.error.code).toBe('validation_failed');
  expect(body.error.fields?.[field]).toEqual(expect.any(String));
  return body.error.fields?.[field];
}

function tamper(cursor: string, change: (payload: { s: string; k: (string | null)[] }) => void) {
  const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
    s: string;
    k: (string | null)[];
  };
  change(payload);
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

beforeAll(async () => {
  t = await startTestApp({ env: { TOLLGATE_RATE_LIMIT_PER_MINUTE: '100000' } });
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  // 53 customers, seven distinct names, created in bursts that share a time.
  for (let i = 0; i < 53; i++) {
    if (i % 5 === 0) t.clock.advance(1000);
    await post('/api/v1/customers', {
      email: `c${String(i).padStart(2, '0')}@example.com`,
      name: names[i % names.length],
      currency: i % 3 ? 'USD' : 'EUR',
      tags: i % 2 ? ['odd'] : [],
    });
  }
  // Times finer than a millisecond, as rows written by SQL's now() have them.
  await t.database.pool.query(
    "UPDATE customers SET created_at = created_at + (get_byte(decode(md5(id::text), 'hex'), 0) % 3) * interval '1 microsecond'",
  );
});
afterAll(async () => t.close());

describe('cursor pagination', () => {
  it('pages 53 customers with duplicate names by 10, ascending, each exactly once and in order', async () => {
    const { pages, ids } = await pageAll('/api/v1/customers?sort=name&dir=asc', 10);
    expect(pages.map((page) => page.data.length)).toEqual([10, 10, 10, 10, 10, 3]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    expect(new Set(ids).size).toBe(53);
    expect(ids).toEqual(await idsInOrder('SELECT id FROM customers ORDER BY name ASC, id ASC'));
  });

  it('pages them descending too', async () => {
    const { ids } = await pageAll('/api/v1/customers?sort=name&dir=desc', 10);
    expect(ids).toEqual(await idsInOrder('SELECT id FROM customers ORDER BY name DESC, id DESC'));
  });

  it('keeps ties and sub-millisecond times apart when sorting by creation time', async () => {
    for (const dir of ['asc', 'desc'] as const) {
      const { ids } = await pageAll(`/api/v1/customers?sort=createdAt&dir=${dir}`, 4);
      expect(ids).toEqual(await idsInOrder(`SELECT id FROM customers ORDER BY created_at ${dir}, id ${dir}`));
    }
  });

  it('keeps the filters while paging, and ends without an empty page', async () => {
    const { pages, ids } = await pageAll('/api/v1/customers?tag=odd&currency=usd&sort=email&dir=asc', 3);
    expect(ids).toEqual(
      await idsInOrder(
        "SELECT id FROM customers WHERE 'odd' = ANY(tags) AND currency = 'USD' ORDER BY email ASC, id ASC",
      ),
    );
    expect(ids.length).toBe(17);
    expect(pages).toHaveLength(6);
    // A last page that is exactly full says there is nothing after it.
    const exact = await pageAll('/api/v1/customers?tag=odd&currency=usd&sort=email&dir=asc', 17);
    expect(exact.pages).toHaveLength(1);
    const all = await owner.getJson('/api/v1/customers?limit=53');
    expect(all.json<Page>().data).toHaveLength(53);
    expect(all.json<Page>().nextCursor).toBeNull();
  });

  it('neither skips nor repeats rows when rows are added between pages', async () => {
    const first = (await owner.getJson('/api/v1/customers?sort=createdAt&dir=desc&limit=10')).json<Page>();
    t.clock.advance(60_000);
    await post('/api/v1/customers', { email: 'late@example.com', name: 'Alex', currency: 'USD' });
    const rest = await owner.getJson(
      `/api/v1/customers?sort=createdAt&dir=desc&limit=100&cursor=${first.nextCursor}`,
    );
    const ids = [...first.data, ...rest.json<Page>().data].map((row) => row.id);
    const expected = await idsInOrder(
      "SELECT id FROM customers WHERE email <> 'late@example.com' ORDER BY created_at DESC, id DESC",
    );
    expect(ids).toEqual(expected);
  });

  it('refuses a garbage cursor', async () => {
    for (const cursor of [
      'garbage',
      'e30', // {}
      Buffer.from('[1,2]').toString('base64url'),
      'not base64 !',
    ]) {
      refusal(await owner.getJson(`/api/v1/customers?cursor=${encodeURIComponent(cursor)}`), 'cursor');
    }
    const real = (await owner.getJson('/api/v1/customers?sort=createdAt&limit=2')).json<Page>().nextCursor!;
    // Right list and sort, but values that are not a time and an id.
    for (const keys of [['yesterday', 'x'], ['2026-02-30T00:00:00.000000Z', null], ['x'], []]) {
      const forged = tamper(real, (payload) => (payload.k = keys));
      refusal(await owner.getJson(`/api/v1/customers?sort=createdAt&cursor=${forged}`), 'cursor');
    }
  });

  it('refuses a cursor made for another sort, direction, filter or list', async () => {
    const cursor = (await owner.getJson('/api/v1/customers?sort=name&dir=asc&limit=5')).json<Page>()
      .nextCursor!;
    expect((await owner.getJson(`/api/v1/customers?sort=name&dir=asc&cursor=${cursor}`)).statusCode).toBe(
      200,
    );
    for (const other of [
      'sort=email&dir=asc',
      'sort=name&dir=desc',
      'sort=name&dir=asc&q=alex',
      'sort=name&dir=asc&tag=odd',
      'sort=name&dir=asc&status=merged',
    ]) {
      const message = refusal(await owner.getJson(`/api/v1/customers?${other}&cursor=${cursor}`), 'cursor');
      expect(message).toMatch(/another sort or other filters/);
    }
    refusal(await owner.getJson(`/api/v1/products?sort=name&cursor=${cursor}`), 'cursor');
    refusal(await owner.getJson(`/api/v1/staff-users?sort=name&cursor=${cursor}`), 'cursor');
  });

  it('refuses a limit outside 1 to 100', async () => {
    refusal(await owner.getJson('/api/v1/customers?limit=0'), 'limit');
    refusal(await owner.getJson('/api/v1/customers?limit=101'), 'limit');
    refusal(await owner.getJson('/api/v1/customers?limit=ten'), 'limit');
    expect((await owner.getJson('/api/v1/customers?limit=100')).statusCode).toBe(200);
    expect((await owner.getJson('/api/v1/customers')).json<Page>().data).toHaveLength(25);
  });

  it('pages staff users by a time that can be empty (never signed in)', async () => {
    for (let i = 0; i < 7; i++) {
      await post('/api/v1/staff-users', {
        email: `staff${i}@example.com`,
        name: i % 2 ? 'Sam' : 'Pat',
        role: 'viewer',
        password: `staff ${i} long password`,
      });
    }
    for (const i of [1, 4, 5]) {
      t.clock.advance(i === 5 ? 0 : 1000);
      await signIn(t.app, `staff${i}@example.com`, `staff ${i} long password`, `10.20.0.${i}`);
    }
    const asc = await pageAll('/api/v1/staff-users?sort=lastLoginAt&dir=asc', 2);
    expect(asc.ids).toEqual(
      await idsInOrder('SELECT id FROM auth_users ORDER BY last_login_at ASC NULLS LAST, id ASC'),
    );
    const desc = await pageAll('/api/v1/staff-users?sort=lastLoginAt&dir=desc', 2);
    expect(desc.ids).toEqual(
      await idsInOrder('SELECT id FROM auth_users ORDER BY last_login_at DESC NULLS FIRST, id DESC'),
    );
    expect(asc.ids).toHaveLength(8);
    const byName = await pageAll('/api/v1/staff-users?sort=name&dir=desc', 3);
    expect(byName.ids).toEqual(await idsInOrder('SELECT id FROM auth_users ORDER BY name DESC, id DESC'));
  });

  it('pages products, subscriptions and the audit log the same way', async () => {
    const productIds: string[] = [];
    for (let i = 0; i < 9; i++)
      productIds.push((await post('/api/v1/products', { name: `Product ${i % 2}`, kind: 'membership' })).id);
    const products = await pageAll('/api/v1/products?sort=name&dir=desc', 4);
    expect(products.ids).toEqual(
      await idsInOrder('SELECT id FROM catalog_products ORDER BY name DESC, id DESC'),
    );

    const plan = await post(`/api/v1/products/${productIds[0]}/plans`, {
      code: 'monthly',
      name: 'Monthly',
      intervalUnit: 'month',
      prices: [
        { currency: 'USD', amount: 500 },
        { currency: 'EUR', amount: 450 },
      ],
    });
    const customerIds = await idsInOrder('SELECT id FROM customers ORDER BY email LIMIT 11');
    for (const [i, customerId] of customerIds.entries()) {
      if (i % 4 === 0) t.clock.advance(1000);
      await post('/api/v1/subscriptions', { customerId, planId: plan.id });
    }
    const subscriptions = await pageAll('/api/v1/subscriptions', 3);
    expect(subscriptions.ids).toEqual(
      await idsInOrder('SELECT id FROM subscriptions ORDER BY created_at DESC, id DESC'),
    );
    expect(subscriptions.ids).toHaveLength(11);
    const onePlan = await pageAll(`/api/v1/subscriptions?planId=${plan.id}&state=active`, 5);
    expect(onePlan.ids).toEqual(subscriptions.ids);

    for (const order of ['newest', 'oldest'] as const) {
      const audit = await pageAll(`/api/v1/audit-events?order=${order}`, 25);
      expect(audit.ids).toEqual(
        await idsInOrder(`SELECT id FROM audit_events ORDER BY id ${order === 'newest' ? 'DESC' : 'ASC'}`),
      );
    }
    const customerEvents = await pageAll('/api/v1/audit-events?entityType=customer', 7);
    expect(customerEvents.ids).toEqual(
      await idsInOrder("SELECT id FROM audit_events WHERE entity_type = 'customer' ORDER BY id DESC"),
    );
  });
});
