import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDueWork } from '../../src/due-work.js';
import { runBillRunRange, startBillRun, type BillRunContext } from '../../src/modules/system/index.js';
import { apiSandbox, type ApiSandbox } from '../support/api-sandbox.js';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { pageText, toastText } from '../support/page-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The scheduler page: the bill runs, the scheduled jobs, a live progress line, and "Run now" —
 * with real range jobs on the queue doing the work, for real (non test-clock) customers.
 */

let t: TestApp;
let owner: BrowserClient;
let api: ApiSandbox;
let planId = '';
let ctx: BillRunContext;

const started = '2027-03-01T10:00:00Z';

/** A real customer with a new subscription: its first period's invoice is due at once. */
async function somethingDue() {
  const customer = await api.customer(null);
  await api.subscribe(customer.id, planId);
  return customer;
}

async function runNow() {
  const response = await owner.submit('/admin/scheduler', '/admin/scheduler/bill-runs', {});
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toBe('/admin/scheduler');
  return owner.get('/admin/scheduler');
}

/** The text of each row of the bill runs table, top to bottom. */
function runRows(html: string): string[] {
  const table = /id="bill-runs-results"[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return table
    .split('<tr')
    .slice(1)
    .map((row) => pageText(`<tr${row}`).trim());
}

async function progress(client = owner) {
  return pageText((await client.get('/admin/scheduler/progress')).body).trim();
}

/** Polls the progress fragment, as the page does, until the latest run is no longer running. */
async function waitUntilDone(): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const line = await progress();
    if (!line.startsWith('Bill run started') || Date.now() > deadline) return line;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  // Schedules checked every second, so the heartbeat's first run comes soon.
  t = await startTestApp({ cronCheckSeconds: 1 });
  // The every-minute bill run would race this file's runs for the work they are started for. Drop
  // its schedule, give a check already under way time to queue its start, and let that pass (with
  // nothing due yet, it does nothing).
  await t.database.pool.query("DELETE FROM pgboss.schedule WHERE name = 'system.bill-run'");
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const queued = () =>
    t.database.pool.query(
      "SELECT 1 FROM pgboss.job WHERE name IN ('system.bill-run', '__pgboss__send-it') AND state IN ('created', 'retry', 'active')",
    );
  while ((await queued()).rowCount) await new Promise((resolve) => setTimeout(resolve, 200));
  t.clock.set(started);
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  api = apiSandbox(owner);
  planId = (await api.monthlyPlans('Scheduler', { basic: 1000 })).plans.basic;
  ctx = { db: t.database.db, clock: t.clock, dueWork: allDueWork(t.database.db, t.clock, t.config) };
});
afterAll(async () => t.close());

describe('the scheduler page', () => {
  it('starts empty, explaining that runs start every minute, and is linked from the sidebar and dashboard', async () => {
    const page = await owner.get('/admin/scheduler');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<a href="\/admin\/scheduler" class="nav-link active" aria-current="page"/);
    const shown = pageText(page.body);
    expect(shown).toContain('No bill run yet. One starts every minute when something is due.');
    expect(shown).toContain(
      'No bill runs yet A bill run starts every minute when something is due: renewals, trial ends, booked changes and the invoices they make.',
    );
    expect(page.body).toContain('action="/admin/scheduler/bill-runs"');
    expect((await owner.get('/admin')).body).toContain('<a href="/admin/scheduler">Scheduler</a>');
  });

  it('says so when Run now finds nothing due, and starts nothing', async () => {
    const page = await runNow();
    expect(toastText(page.body)).toBe('Nothing is due.');
    expect(pageText(page.body)).toContain('No bill runs yet');
  });

  it('runs a due subscription through Run now: the range jobs invoice it and the run finishes', async () => {
    const customer = await somethingDue();
    const page = await runNow();
    expect(toastText(page.body)).toBe('Bill run started: 1 due.');
    const [row] = runRows(page.body);
    expect(row).toMatch(/^1 Mar 2027, 10:00 UTC staff (running|finished) 1 Mar 2027, 10:00 UTC/);

    const done = await waitUntilDone();
    // The clock stands still in tests, so the run took no time on it.
    expect(done).toBe(
      'Last bill run finished started 1 Mar 2027, 10:00 UTC (staff), took under a second. ' +
        '1 handled of 1 due · 4 of 4 ranges done',
    );
    expect(runRows((await owner.get('/admin/scheduler')).body)).toEqual([
      '1 Mar 2027, 10:00 UTC staff finished 1 Mar 2027, 10:00 UTC 1 / 1 4 of 4 under a second —',
    ]);
    const invoices = await api.get<{ data: { status: string; total: string }[] }>(
      `/api/v1/invoices?customerId=${customer.id}`,
    );
    expect(invoices.data.map((invoice) => [invoice.status, invoice.total])).toEqual([['open', '1000']]);

    // The page's poller, told the run is over, reloads the page so the table catches up too.
    const polled = await owner.request({
      method: 'GET',
      url: '/admin/scheduler/progress',
      headers: { 'hx-request': 'true' },
    });
    expect(polled.headers['hx-refresh']).toBe('true');
    expect(polled.body).not.toContain('hx-trigger');
  });

  it('shows a run that is going with a polled progress bar, refuses a second, and fails it once it stops moving', async () => {
    t.clock.advance(1000);
    await somethingDue();
    // Started as `tollgate bill-run` would, but no job works its ranges: as if its process died.
    const stuck = await startBillRun(ctx, 'cli', 2);
    expect(stuck).not.toBeNull();
    const fragment = await owner.get('/admin/scheduler/progress');
    expect(pageText(fragment.body).trim()).toBe(
      'Bill run started 10:00:01 UTC (command line): 0 handled of 1 due · 0 of 2 ranges done',
    );
    expect(fragment.body).toContain('hx-get="/admin/scheduler/progress" hx-trigger="every 2s"');
    expect(fragment.body).toMatch(/<progress class="progress" max="1" value="0"/);
    expect(fragment.body).not.toContain('<html');
    const page = await owner.get('/admin/scheduler');
    expect(page.body).toContain('hx-trigger="every 2s"');
    expect(runRows(page.body)[0]).toBe(
      '1 Mar 2027, 10:00 UTC command line running 1 Mar 2027, 10:00 UTC 0 / 1 0 of 2 under a second so far —',
    );

    expect(toastText((await runNow()).body)).toBe('A bill run is already going.');

    // Five silent minutes later the next start gives up on it and does the work itself.
    t.clock.advance(6 * 60_000);
    expect(toastText((await runNow()).body)).toBe('Bill run started: 1 due.');
    expect(await waitUntilDone()).toContain('Last bill run finished started 1 Mar 2027, 10:06 UTC (staff)');
    const failed = runRows((await owner.get('/admin/scheduler?status=failed')).body);
    expect(failed).toEqual([
      '1 Mar 2027, 10:00 UTC command line failed 1 Mar 2027, 10:00 UTC 0 / 1 0 of 2 under a second ' +
        'Stopped making progress; the next run does what it left.',
    ]);
  });

  it('filters by status and pages newest first with a total', async () => {
    // Nine more finished runs, a second apart, run in the foreground as the CLI runs them.
    for (let index = 0; index < 9; index += 1) {
      t.clock.advance(1000);
      await somethingDue();
      const run = await startBillRun(ctx, 'cli', 1);
      if (!run) throw new Error('a run should have started: something was due');
      await runBillRunRange(ctx, run.id, 0);
    }
    const first = await owner.get('/admin/scheduler?per=10');
    const firstRows = runRows(first.body);
    expect(firstRows).toHaveLength(10);
    expect(firstRows[0]).toMatch(
      /^1 Mar 2027, 10:06 UTC command line finished .* 1 \/ 1 1 of 1 under a second —$/,
    );
    expect(pageText(first.body)).toContain('1–10 of 12 Previous Page 1 of 2 Next');
    const second = await owner.get('/admin/scheduler?per=10&page=2');
    expect(runRows(second.body).map((row) => /(staff|command line) (\w+)/.exec(row)?.[0])).toEqual([
      'command line failed',
      'staff finished',
    ]);
    expect(pageText(second.body)).toContain('11–12 of 12 Previous Page 2 of 2 Next');

    const finished = await owner.get('/admin/scheduler?status=finished');
    expect(runRows(finished.body)).toHaveLength(11);
    expect(pageText(finished.body)).toContain('1–11 of 11');
    expect(finished.body).toContain('<option value="finished" selected>');
    expect(runRows((await owner.get('/admin/scheduler?status=failed')).body)).toHaveLength(1);
    expect(pageText((await owner.get('/admin/scheduler?status=running')).body)).toContain(
      'Nothing matches No results for these filters.',
    );
  });

  it('lists the scheduled jobs with their last run and count', { timeout: 90_000 }, async () => {
    // The heartbeat runs every minute; its first run may still be coming.
    const deadline = Date.now() + 60_000;
    let shown = '';
    while (!shown.includes('system.heartbeat') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      shown = pageText((await owner.get('/admin/scheduler')).body);
    }
    expect(shown).toContain('Scheduled jobs Job Last run Runs');
    expect(shown).toMatch(
      /system\.heartbeat Shows the scheduler is alive (just now|\d+ minutes? ago) 1 Mar 2027, 10:0\d UTC \d+/,
    );
  });

  it('lets a viewer watch but not start a run', async () => {
    const created = await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'vic@example.com',
      name: 'Vic Viewer',
      role: 'viewer',
      password: 'viewer long password',
    });
    expect(created.statusCode).toBe(201);
    const viewer = await signIn(t.app, 'vic@example.com', 'viewer long password');
    // Something is due, so the refusal is the role's, not "nothing is due".
    await somethingDue();
    const page = await viewer.get('/admin/scheduler');
    expect(page.statusCode).toBe(200);
    expect(runRows(page.body)).toHaveLength(12);
    expect(page.body).not.toContain('action="/admin/scheduler/bill-runs"');
    const refused = await viewer.submit('/admin/scheduler', '/admin/scheduler/bill-runs', {});
    expect(refused.statusCode).toBe(403);
    expect(pageText(refused.body)).toContain('This needs the support role or higher.');
    expect(await progress(viewer)).toContain(
      'Last bill run finished started 1 Mar 2027, 10:06 UTC (command line)',
    );
  });

  it('records each start from the page in the audit log, with who started it', async () => {
    const audit = await owner.get('/admin/audit?entity=bill_run');
    const rows = [...audit.body.matchAll(/<tr[^>]*>[\s\S]*?<\/tr>/g)]
      .map((match) => pageText(match[0]).trim())
      .filter((row) => row.includes('Bill run started'));
    // Two runs were started with Run now; the attempts it refused left no row.
    expect(rows).toEqual([
      '1 Mar 2027, 10:06 UTC owner@example.com Bill run started bill run until: 2027-03-01T10:06:01.000Z, ranges: 4, dueAtStart: 1 127.0.0.1',
      '1 Mar 2027, 10:00 UTC owner@example.com Bill run started bill run until: 2027-03-01T10:00:00.000Z, ranges: 4, dueAtStart: 1 127.0.0.1',
    ]);
    expect(audit.body).toContain('<a href="/admin/scheduler">bill run</a>');
  });
});
