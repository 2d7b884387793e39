import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: BrowserClient;

const namesIn = (body: string) =>
  [...body.matchAll(/<td data-label="Name"><a href="\/admin\/team\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  const roles = ['viewer', 'support', 'manager', 'admin'];
  for (let i = 1; i <= 29; i++) {
    const response = await owner.sendJson('POST', '/api/v1/staff-users', {
      email: `member${String(i).padStart(2, '0')}@example.com`,
      name: `Member ${String(i).padStart(2, '0')}`,
      role: roles[i % roles.length],
      password: `member ${i} long password`,
    });
    expect(response.statusCode).toBe(201);
  }
});
afterAll(async () => t.close());

describe('team list', () => {
  it('paginates on the server, 25 per page by default', async () => {
    const first = await owner.get('/admin/team');
    expect(namesIn(first.body)).toHaveLength(25);
    expect(first.body).toContain('1–25 of 30');
    const second = await owner.get('/admin/team?sort=name&dir=asc&page=2');
    expect(namesIn(second.body)).toEqual(['Member 26', 'Member 27', 'Member 28', 'Member 29', 'Olive Owner']);
    expect(second.body).toContain('26–30 of 30');
  });

  it('sorts by a column in either direction', async () => {
    const descending = await owner.get('/admin/team?sort=name&dir=desc&per=10');
    expect(namesIn(descending.body).slice(0, 3)).toEqual(['Olive Owner', 'Member 29', 'Member 28']);
    expect(descending.body).toContain('aria-sort="descending"');
  });

  it('searches name and email, and filters by role and status', async () => {
    expect(namesIn((await owner.get('/admin/team?q=member07')).body)).toEqual(['Member 07']);
    const admins = namesIn((await owner.get('/admin/team?role=admin&per=100')).body);
    expect(admins).toEqual([
      'Member 03',
      'Member 07',
      'Member 11',
      'Member 15',
      'Member 19',
      'Member 23',
      'Member 27',
    ]);
    expect(namesIn((await owner.get('/admin/team?status=disabled')).body)).toEqual([]);
  });

  it('takes LIKE wildcards in a search literally', async () => {
    expect((await owner.get('/admin/team?q=%25')).body).toContain('Nothing matches');
    expect((await owner.get('/admin/team?q=_')).body).toContain('Nothing matches');
  });

  it('shows an empty state that offers to clear the search when nothing matches', async () => {
    const none = await owner.get('/admin/team?q=zzz-nobody');
    expect(none.body).toContain('Nothing matches');
    expect(none.body).toContain('Clear search and filters');
  });

  it('ignores malformed list parameters instead of failing', async () => {
    const odd = await owner.get('/admin/team?page=-3&per=7&sort=password_hash&dir=sideways&role=emperor');
    expect(odd.statusCode).toBe(200);
    expect(namesIn(odd.body)).toHaveLength(25);
  });

  it('pages the API by cursor, with the same filters and sort', async () => {
    const query = '/api/v1/staff-users?role=support&sort=email&dir=desc&limit=3';
    type Page = { data: { email: string }[]; nextCursor: string | null };
    const first = (await owner.getJson(query)).json<Page>();
    expect(first.data.map((user) => user.email)).toEqual([
      'member29@example.com',
      'member25@example.com',
      'member21@example.com',
    ]);
    const second = (await owner.getJson(`${query}&cursor=${first.nextCursor}`)).json<Page>();
    expect(second.data.map((user) => user.email)).toEqual([
      'member17@example.com',
      'member13@example.com',
      'member09@example.com',
    ]);
    const third = (await owner.getJson(`${query}&cursor=${second.nextCursor}`)).json<Page>();
    expect(third.data.map((user) => user.email)).toEqual(['member05@example.com', 'member01@example.com']);
    expect(third.nextCursor).toBeNull();
    const bad = await owner.getJson('/api/v1/staff-users?limit=1000');
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({
      error: { code: 'validation_failed', fields: { limit: expect.any(String) } },
    });
  });
});

describe('dashboard', () => {
  it('shows honest empty states and the team size', async () => {
    const dashboard = await owner.get('/admin');
    expect(dashboard.body).toContain(
      'No customers yet — create a product and its plans in the Catalog first.',
    );
    expect(dashboard.body).toContain('No revenue yet');
    expect(dashboard.body).toMatch(/<div class="stat-label">Team<\/div><div class="stat-value">30<\/div>/);
  });

  it('counts customers once there are some (after its one-second cache)', async () => {
    await owner.sendJson('POST', '/api/v1/customers', {
      email: 'first@example.com',
      name: 'First',
      currency: 'USD',
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const dashboard = await owner.get('/admin');
    expect(dashboard.body).toMatch(
      /<div class="stat-label">Customers<\/div><div class="stat-value">1<\/div>/,
    );
    expect(dashboard.body).toContain('One customer.');
  });
});
