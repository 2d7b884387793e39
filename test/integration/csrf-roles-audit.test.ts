import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: BrowserClient;
const viewerPassword = 'viewer long password';

async function auditRows(action: string) {
  const { rows } = await t.database.pool.query<{
    actor_label: string;
    entity_id: string;
    before: unknown;
    after: unknown;
    ip: string | null;
  }>('SELECT actor_label, entity_id, before, after, ip FROM audit_events WHERE action = $1 ORDER BY id', [
    action,
  ]);
  return rows;
}

const staffCount = async () =>
  Number((await t.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM auth_users')).rows[0]?.n);

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  const created = await owner.sendJson('POST', '/api/v1/staff-users', {
    email: 'vera@example.com',
    name: 'Vera Viewer',
    role: 'viewer',
    password: viewerPassword,
  });
  expect(created.statusCode).toBe(201);
});
afterAll(async () => t.close());

describe('CSRF protection', () => {
  it('refuses a form post without a token and changes nothing', async () => {
    const before = await staffCount();
    const response = await owner.request({
      method: 'POST',
      url: '/admin/team',
      form: { name: 'X', email: 'x@example.com', role: 'viewer', password: 'x long password here' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
    expect(await staffCount()).toBe(before);
  });

  it('refuses a token minted for another browser', async () => {
    const attacker = new BrowserClient(t.app);
    await attacker.get('/login');
    const response = await owner.request({
      method: 'POST',
      url: '/admin/team',
      form: {
        _csrf: attacker.csrfToken ?? '',
        name: 'X',
        email: 'x@example.com',
        role: 'viewer',
        password: 'x long password here',
      },
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses a form-encoded post to the API (only JSON bodies, which need CORS, are accepted)', async () => {
    const response = await owner.request({
      method: 'POST',
      url: '/api/v1/staff-users',
      form: { email: 'x@example.com', name: 'X', role: 'viewer', password: 'x long password here' },
      headers: { accept: 'application/json' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'csrf_invalid' } });
  });

  it('accepts the token in the x-csrf-token header, as htmx sends it', async () => {
    await owner.get('/admin');
    const response = await owner.request({
      method: 'POST',
      url: '/admin/preferences/theme',
      form: { theme: 'dark' },
      headers: { 'x-csrf-token': owner.csrfToken ?? '', 'hx-request': 'true' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ theme: 'dark' });
  });

  it('sends a browser without JavaScript back where it came from after switching theme', async () => {
    const back = await owner.submit('/admin/team', '/admin/preferences/theme', { theme: 'light' });
    expect(back.statusCode).toBe(303);
    await owner.get('/admin');
    const odd = await owner.request({
      method: 'POST',
      url: '/admin/preferences/theme',
      form: { _csrf: owner.csrfToken ?? '', theme: 'light' },
      headers: { referer: 'not a url' },
    });
    expect(odd.statusCode).toBe(303);
    expect(odd.headers.location).toBe('/admin');
    const bad = await owner.request({
      method: 'POST',
      url: '/admin/preferences/theme',
      form: { _csrf: owner.csrfToken ?? '', theme: 'purple' },
      headers: { accept: 'application/json' },
    });
    expect(bad.statusCode).toBe(422);
  });
});

describe('role guard', () => {
  it('lets a viewer read but not write, through pages and the API', async () => {
    const viewer = await signIn(t.app, 'vera@example.com', viewerPassword);
    expect((await viewer.get('/admin/team')).statusCode).toBe(200);
    expect((await viewer.getJson('/api/v1/staff-users')).statusCode).toBe(200);
    const before = await staffCount();
    const api = await viewer.sendJson('POST', '/api/v1/staff-users', {
      email: 'y@example.com',
      name: 'Y',
      role: 'viewer',
      password: 'y long password here',
    });
    expect(api.statusCode).toBe(403);
    expect(api.json()).toMatchObject({
      error: { code: 'forbidden', message: 'This needs the admin role or higher.' },
    });
    const page = await viewer.submit('/admin/team', '/admin/team', {
      name: 'Y',
      email: 'y@example.com',
      role: 'viewer',
      password: 'y long password here',
    });
    expect(page.statusCode).toBe(403);
    expect((await viewer.get('/admin/team/new')).statusCode).toBe(403);
    expect(await staffCount()).toBe(before);
  });

  it('answers 401 with the JSON error shape to an API client without a session', async () => {
    const anonymous = new BrowserClient(t.app);
    const response = await anonymous.getJson('/api/v1/staff-users');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { code: 'unauthenticated', message: 'Sign in first.' } });
  });

  it('does not let an admin create an owner or promote themselves', async () => {
    await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'ada@example.com',
      name: 'Ada Admin',
      role: 'admin',
      password: 'ada long password',
    });
    const admin = await signIn(t.app, 'ada@example.com', 'ada long password');
    const ownerAttempt = await admin.sendJson('POST', '/api/v1/staff-users', {
      email: 'o2@example.com',
      name: 'O2',
      role: 'owner',
      password: 'o2 long password!',
    });
    expect(ownerAttempt.statusCode).toBe(403);
    const me = (await admin.getJson('/api/v1/me')).json<{ id: string }>();
    const promote = await admin.sendJson('PATCH', `/api/v1/staff-users/${me.id}`, { role: 'owner' });
    expect(promote.statusCode).toBe(403);
  });

  it('keeps at least one active owner', async () => {
    const me = (await owner.getJson('/api/v1/me')).json<{ id: string }>();
    const selfDisable = await owner.sendJson('PATCH', `/api/v1/staff-users/${me.id}`, { disabled: true });
    expect(selfDisable.statusCode).toBe(403);
  });
});

describe('validation errors', () => {
  it('name each bad field and change nothing', async () => {
    const before = await staffCount();
    const response = await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'nope',
      name: '',
      role: 'viewer',
      password: 'short',
    });
    expect(response.statusCode).toBe(422);
    const body = response.json<{ error: { code: string; fields: Record<string, string> } }>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields).toMatchObject({ email: 'must be a valid email address', name: 'is required' });
    const schema = await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'z@example.com',
      name: 'Z',
      role: 'emperor',
      password: 'z long password here',
    });
    expect(schema.statusCode).toBe(422);
    expect(Object.keys(schema.json<{ error: { fields: Record<string, string> } }>().error.fields)).toEqual([
      'role',
    ]);
    const duplicate = await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'VERA@example.com',
      name: 'Vera again',
      role: 'viewer',
      password: 'vera long password',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({
      error: { code: 'conflict', fields: { email: 'is already in use' } },
    });
    expect(await staffCount()).toBe(before);
  });

  it('re-renders a page form with per-field errors and keeps what was typed (never the password)', async () => {
    const response = await owner.submit('/admin/team/new', '/admin/team', {
      name: 'Pat',
      email: 'pat@',
      role: 'support',
      password: 'pats password that is long',
    });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('id="field-email-error">must be a valid email address');
    expect(response.body).toContain('value="Pat"');
    expect(response.body).not.toContain('pats password that is long');
  });
});

describe('audit log', () => {
  it('records who changed what, with before and after, for every admin write', async () => {
    const created = await owner.submit('/admin/team/new', '/admin/team', {
      name: 'Sue Support',
      email: 'sue@example.com',
      role: 'support',
      password: 'sue long password',
    });
    expect(created.statusCode).toBe(303);
    const id = created.headers.location?.toString().split('/').pop() ?? '';
    const [creation] = (await auditRows('user.created')).filter((row) => row.entity_id === id);
    expect(creation).toMatchObject({
      actor_label: 'owner@example.com',
      after: { email: 'sue@example.com', role: 'support', name: 'Sue Support', disabled: false },
      ip: '127.0.0.1',
    });
    expect(JSON.stringify(creation)).not.toContain('password');

    const update = await owner.submit(`/admin/team/${id}`, `/admin/team/${id}`, {
      name: 'Sue Manager',
      role: 'manager',
    });
    expect(update.statusCode).toBe(303);
    const [change] = (await auditRows('user.updated')).filter((row) => row.entity_id === id);
    expect(change).toMatchObject({
      before: { role: 'support', name: 'Sue Support' },
      after: { role: 'manager', name: 'Sue Manager' },
    });

    const detail = await owner.get(`/admin/team/${id}`);
    expect(detail.body).toContain('role: support → manager');
    const log = await owner.get('/admin/audit?q=sue');
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain('Staff user changed');
    const api = (await owner.getJson(`/api/v1/audit-events?entityType=user&entityId=${id}`)).json<{
      data: { action: string }[];
    }>();
    expect(api.data.map((event) => event.action)).toEqual(['user.updated', 'user.created']);
  });
});
