import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: BrowserClient;
const staffCount = async () =>
  Number((await t.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM auth_users')).rows[0]?.n);

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
});
afterAll(async () => t.close());

const post = (client: BrowserClient, key: string | undefined, body: unknown) =>
  client.request({
    method: 'POST',
    url: '/api/v1/staff-users',
    json: body,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  });

describe('Idempotency-Key on API writes', () => {
  const body = { email: 'ida@example.com', name: 'Ida', role: 'viewer', password: 'ida long password' };

  it('runs the first request and answers a repeat with the same response, changing nothing', async () => {
    const first = await post(owner, 'key-1', body);
    expect(first.statusCode).toBe(201);
    const before = await staffCount();
    const repeat = await post(owner, 'key-1', body);
    expect(repeat.statusCode).toBe(201);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(repeat.json()).toEqual(first.json());
    expect(await staffCount()).toBe(before);
  });

  it('replays refusals too, but not with a different body', async () => {
    const refused = await post(owner, 'key-2', { ...body, email: 'not-an-email' });
    expect(refused.statusCode).toBe(422);
    expect(
      (await post(owner, 'key-2', { ...body, email: 'not-an-email' })).headers['idempotent-replayed'],
    ).toBe('true');
    const reused = await post(owner, 'key-2', { ...body, email: 'other@example.com' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({
      error: { fields: { 'Idempotency-Key': 'was already used for a different request' } },
    });
  });

  it('lets only one of several simultaneous repeats do the work', async () => {
    const before = await staffCount();
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => post(owner, 'key-3', { ...body, email: 'race@example.com' })),
    );
    expect(await staffCount()).toBe(before + 1);
    expect(
      answers.filter((answer) => answer.statusCode === 201 && !answer.headers['idempotent-replayed']),
    ).toHaveLength(1);
    // The others either got the stored answer or were told the first was still running.
    expect(answers.every((answer) => answer.statusCode === 201 || answer.statusCode === 409)).toBe(true);
  });

  it('keeps keys per staff user, and refuses malformed keys', async () => {
    await post(owner, undefined, {
      email: 'ada@example.com',
      name: 'Ada',
      role: 'admin',
      password: 'ada long password',
    });
    const admin = new BrowserClient(t.app, '10.9.0.1');
    await admin.submit('/login', '/login', { email: 'ada@example.com', password: 'ada long password' });
    const own = await post(admin, 'key-1', { ...body, email: 'ada-made@example.com' });
    expect(own.statusCode).toBe(201);
    expect(own.headers['idempotent-replayed']).toBeUndefined();
    const malformed = await post(owner, 'has spaces in it', body);
    expect(malformed.statusCode).toBe(422);
    expect(Object.keys(malformed.json<{ error: { fields: object } }>().error.fields)).toEqual([
      'Idempotency-Key',
    ]);
  });

  it('claims nothing for a request the role guard refuses', async () => {
    await post(owner, undefined, {
      email: 'vic@example.com',
      name: 'Vic',
      role: 'viewer',
      password: 'vic long password',
    });
    const viewer = new BrowserClient(t.app, '10.9.0.2');
    await viewer.submit('/login', '/login', { email: 'vic@example.com', password: 'vic long password' });
    expect((await post(viewer, 'key-9', body)).statusCode).toBe(403);
    const { rows } = await t.database.pool.query("SELECT 1 FROM system_idempotency_keys WHERE key = 'key-9'");
    expect(rows).toHaveLength(0);
  });

  it('is documented on every POST of the OpenAPI document', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json<{
      paths: Record<string, { post?: { parameters?: { name: string; in: string }[] } }>;
    }>();
    const posts = Object.values(doc.paths).flatMap((path) => (path.post ? [path.post] : []));
    expect(posts.length).toBeGreaterThan(0);
    for (const operation of posts)
      expect(operation.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'idempotency-key', in: 'header' })]),
      );
  });
});
