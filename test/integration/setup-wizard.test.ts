import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, ownerPassword } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const userCount = async (app = t) =>
  Number((await app.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM auth_users')).rows[0]?.n);

describe('first-run setup wizard', () => {
  it('sends every page to the wizard until an owner exists', async () => {
    const client = new BrowserClient(t.app);
    for (const url of ['/', '/admin', '/login', '/admin/team']) {
      const response = await client.get(url);
      expect(response.statusCode, url).toBe(302);
      expect(response.headers.location, url).toMatch(/^\/(setup|admin)$/);
    }
    const setup = await client.get('/setup');
    expect(setup.statusCode).toBe(200);
    expect(setup.body).toContain('Create owner account');
  });

  it('refuses bad input field by field and creates nothing', async () => {
    const client = new BrowserClient(t.app);
    const cases: [Record<string, string>, string, RegExp][] = [
      [
        { name: 'A', email: 'not-an-email', password: ownerPassword, passwordConfirmation: ownerPassword },
        'email',
        /valid email/,
      ],
      [
        { name: 'A', email: 'a@example.com', password: 'short pw', passwordConfirmation: 'short pw' },
        'password',
        /at least 12 characters/,
      ],
      [
        { name: 'A', email: 'a@example.com', password: 'Qwerty123456', passwordConfirmation: 'Qwerty123456' },
        'password',
        /most common passwords/,
      ],
      [
        {
          name: 'A',
          email: 'a@example.com',
          password: ownerPassword,
          passwordConfirmation: 'something else!!',
        },
        'passwordConfirmation',
        /does not match/,
      ],
      [
        { name: '', email: 'a@example.com', password: ownerPassword, passwordConfirmation: ownerPassword },
        'name',
        /required/,
      ],
    ];
    for (const [form, field, reason] of cases) {
      const response = await client.submit('/setup', '/setup', form);
      expect(response.statusCode, field).toBe(422);
      const fieldError = new RegExp(`id="field-${field}-error">[^<]*`).exec(response.body)?.[0] ?? '';
      expect(fieldError, field).toMatch(reason);
    }
    expect(await userCount()).toBe(0);
  });

  it('accepts a long passphrase without truncating it', async () => {
    const client = new BrowserClient(t.app);
    const long = 'ä'.repeat(100) + ' and then some more words to pass 128 characters of length';
    const response = await client.submit('/setup', '/setup', {
      name: 'Olive Owner',
      email: 'Owner@Example.com',
      password: long,
      passwordConfirmation: long,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/login');
    // The whole passphrase matters: the same text cut at 128 characters is a different password.
    const truncated = await client.submit('/login', '/login', {
      email: 'owner@example.com',
      password: [...long].slice(0, 128).join(''),
    });
    expect(truncated.statusCode).toBe(401);
    const full = await client.submit('/login', '/login', { email: 'owner@example.com', password: long });
    expect(full.statusCode).toBe(303);
  });

  it('runs only once: a second owner cannot be created through the wizard', async () => {
    const client = new BrowserClient(t.app);
    const page = await client.get('/setup');
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/login');
    await client.get('/login');
    const again = await client.request({
      method: 'POST',
      url: '/setup',
      form: {
        _csrf: client.csrfToken ?? '',
        name: 'Mallory',
        email: 'mallory@example.com',
        password: ownerPassword,
        passwordConfirmation: ownerPassword,
      },
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/login');
    expect(await userCount()).toBe(1);
  });

  it('lets exactly one of several simultaneous wizard submissions win', async () => {
    const fresh = await startTestApp();
    try {
      // Every browser has the wizard open before anyone submits it.
      const clients = [1, 2, 3, 4].map(() => new BrowserClient(fresh.app));
      await Promise.all(clients.map((client) => client.get('/setup')));
      const attempts = await Promise.all(
        clients.map((client, n) =>
          client.request({
            method: 'POST',
            url: '/setup',
            form: {
              _csrf: client.csrfToken ?? '',
              name: `Owner ${n}`,
              email: `owner${n}@example.com`,
              password: ownerPassword,
              passwordConfirmation: ownerPassword,
            },
          }),
        ),
      );
      // The winner and the losers all land on sign-in; only one owner exists.
      expect(attempts.map((response) => response.statusCode)).toEqual([303, 303, 303, 303]);
      expect(attempts.map((response) => response.headers.location)).toEqual([
        '/login',
        '/login',
        '/login',
        '/login',
      ]);
      expect(await userCount(fresh)).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
