import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../src/lib/db/migrate.js';
import { BrowserClient, setUpOwner } from '../support/browser-client.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: BrowserClient;
beforeAll(async () => {
  t = await startTestApp({ env: { TOLLGATE_RATE_LIMIT_PER_MINUTE: '40' }, cronCheckSeconds: 1 });
  owner = new BrowserClient(t.app, '10.50.0.1');
  await setUpOwner(owner);
});
afterAll(async () => t.close());

describe('health, readiness and metrics', () => {
  it('answers /healthz and /readyz with the database and job queue checked', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', jobQueue: 'ok' } });
  });

  it('reports not ready (503) when the database cannot be reached', async () => {
    const broken = await startTestApp();
    await broken.testDatabase.drop(); // pulls the database away from under the running app
    const ready = await broken.app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not_ready', checks: { database: 'failing' } });
    await broken.app.close();
    await broken.jobs.stop().catch(() => undefined);
    await broken.database.close();
  });

  it('exposes Prometheus metrics with per-route request counts', async () => {
    await t.app.inject('/healthz');
    const metrics = await t.app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(
      /tollgate_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
    expect(metrics.body).toContain('tollgate_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('tollgate_process_cpu_user_seconds_total');
  });
});

describe('HTTP conventions', () => {
  it('sends security headers with a strict CSP', async () => {
    const page = await t.app.inject({ url: '/login', headers: { accept: 'text/html' } });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers unknown API paths with the JSON error shape and pages with a page', async () => {
    const api = await t.app.inject({ url: '/api/v1/nothing-here', headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({
      error: { code: 'not_found', message: 'There is nothing at this address.' },
    });
    const page = await owner.get('/nothing-here');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('Page not found');
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('publishes an OpenAPI document of the API, and a docs page, served locally', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/staff-users',
        '/api/v1/staff-users/{id}',
        '/api/v1/audit-events',
        '/api/v1/me',
      ]),
    );
    expect(Object.keys(doc.paths).every((path) => path.startsWith('/api/v1/'))).toBe(true);
    expect(doc.paths['/api/v1/staff-users']?.['post']).toBeDefined();
    const docs = await t.app.inject({ url: '/api/docs/', headers: { accept: 'text/html' } });
    expect(docs.statusCode).toBe(200);
    // Swagger UI's own policy would allow any https host and its online validator; ours does not.
    expect(String(docs.headers['content-security-policy'])).not.toMatch(/https:|swagger\.io|\*/);
    expect(docs.body).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\.(com|net|org|io)\//i);
  });

  it('serves its own assets with long-lived caching', async () => {
    const page = await t.app.inject({ url: '/login', headers: { accept: 'text/html' } });
    const cssUrl = /href="(\/assets\/[a-f0-9]+\/app\.css)"/.exec(page.body)?.[1] ?? '';
    const htmxUrl = /src="(\/assets\/[a-f0-9]+\/htmx\.min\.js)"/.exec(page.body)?.[1] ?? '';
    const css = await t.app.inject(cssUrl);
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toContain('immutable');
    const htmx = await t.app.inject(htmxUrl);
    expect(htmx.body).toContain('htmx');
  });
});

describe('scheduler', () => {
  it('runs the example cron job (heartbeat) and the dashboard shows it', async () => {
    const deadline = Date.now() + 45_000;
    let runs = 0;
    while (Date.now() < deadline) {
      const { rows } = await t.database.pool.query<{ runs: string }>(
        "SELECT runs FROM system_job_heartbeats WHERE job_name = 'system.heartbeat'",
      );
      runs = Number(rows[0]?.runs ?? 0);
      if (runs > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(runs).toBeGreaterThan(0);
    const dashboard = await owner.get('/admin');
    expect(dashboard.body).toMatch(/data-testid="scheduler-status">.*running/);
  });
});

describe('rate limiting', () => {
  it('is shared by all instances on the same database', async () => {
    const second = await t.addInstance();
    const ip = '10.77.0.1';
    const hit = (app: typeof second) =>
      app.inject({ url: '/login', remoteAddress: ip, headers: { accept: 'text/html' } });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await hit(t.app)).statusCode, (await hit(second)).statusCode);
    // 40 per minute in total, whichever instance answers: the 41st request is refused.
    expect(statuses.filter((status) => status !== 429)).toHaveLength(40);
    expect(statuses.slice(40).every((status) => status === 429)).toBe(true);
    const refused = await t.app.inject({
      url: '/api/v1/me',
      remoteAddress: ip,
      headers: { accept: 'application/json' },
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await t.app.inject({ url: '/healthz', remoteAddress: ip })).statusCode).toBe(200);
  });
});

describe('rate limiting of sign-in', () => {
  it('has its own, stricter count per IP (30 a minute), apart from page views', async () => {
    const client = new BrowserClient(t.app, '10.78.0.1');
    await client.get('/login');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const response = await client.request({
        method: 'POST',
        url: '/login',
        form: {
          _csrf: client.csrfToken ?? '',
          email: `guess${i}@example.com`,
          password: 'guessing a password',
        },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await client.get('/login')).statusCode).toBe(200);
  });
});

describe('migrations', () => {
  it('applies once when several instances migrate at the same moment', async () => {
    const database = await createTestDatabase();
    const pools = [1, 2, 3].map(() => new pg.Pool({ connectionString: database.url, max: 2 }));
    try {
      await Promise.all(pools.map((pool) => runMigrations(pool)));
      const { rows } = await pools[0]!.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
      const roles = await pools[0]!.query<{ n: string }>('SELECT count(*) AS n FROM auth_roles');
      expect(Number(rows[0]?.n)).toBeGreaterThan(0);
      expect(Number(roles.rows[0]?.n)).toBe(5);
      await runMigrations(pools[1]!); // and again later: nothing to do, nothing breaks
      expect(
        Number(
          (await pools[0]!.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations')).rows[0]?.n,
        ),
      ).toBe(Number(rows[0]?.n));
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await database.drop();
    }
  });
});
