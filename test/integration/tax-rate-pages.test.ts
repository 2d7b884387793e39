import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { fieldErrorText, pageText, toastText } from '../support/page-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The tax rate admin pages and the customer form's tax exemption, driven like a browser. */

let t: TestApp;
let owner: BrowserClient;
const viewerPassword = 'viewer long password';
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

const alert = (body: string) => pageText(/role="alert">([^<]*)</.exec(body)?.[1] ?? '');
const idIn = (location: unknown) => uuid.exec(String(location))?.[0] ?? '';
/** The names in the tax rate table, in order. */
const listedNames = (body: string) =>
  [...body.matchAll(/<a href="\/admin\/taxes\/[0-9a-f-]{36}">([^<]*)<\/a>/g)].map((m) =>
    pageText(m[1] ?? ''),
  );

const rateForm = (change: Record<string, string> = {}) => ({
  name: 'VAT',
  country: 'DE',
  region: '',
  percent: '19',
  ...change,
});
const submitRate = (form: Record<string, string>) => owner.submit('/admin/taxes/new', '/admin/taxes', form);

async function newRate(change: Record<string, string> = {}) {
  const response = await submitRate(rateForm(change));
  expect(response.statusCode, alert(response.body)).toBe(303);
  return idIn(response.headers.location);
}

async function auditActions(entityId: string) {
  const { rows } = await t.database.pool.query<{ action: string }>(
    'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id',
    [entityId],
  );
  return rows.map((row) => row.action);
}

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  const created = await owner.sendJson('POST', '/api/v1/staff-users', {
    email: 'val@example.com',
    name: 'Val Viewer',
    role: 'viewer',
    password: viewerPassword,
  });
  expect(created.statusCode).toBe(201);
});
afterAll(async () => t.close());

describe('tax rate pages', () => {
  it('start empty, with the way to add the first rate, linked from the sidebar', async () => {
    const page = await owner.get('/admin/taxes');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No tax rates yet');
    expect(page.body).toContain('href="/admin/taxes/new"');
    expect((await owner.get('/admin')).body).toMatch(/href="\/admin\/taxes"[^>]*>[\s\S]*?Tax rates/);
  });

  it('create a rate from the form and show it with its details and timeline', async () => {
    const response = await submitRate(
      rateForm({ name: 'NY sales tax', country: 'us', region: 'NY', percent: '8.875' }),
    );
    expect(response.statusCode).toBe(303);
    const id = idIn(response.headers.location);
    const page = await owner.get(`/admin/taxes/${id}`);
    expect(toastText(page.body)).toBe('NY sales tax (8.875 %) created.');
    const shown = pageText(page.body);
    expect(shown).toContain('8.875 % · United States · NY');
    expect(shown).toContain('added on top of prices (exclusive)');
    expect(shown).toContain('Tax rate created');
    expect(shown).toContain('archive the rate and add a new one');
  });

  it('keep what was typed and name the field when a rate is refused', async () => {
    const refused = await submitRate(rateForm({ name: 'Federal', country: 'USA', percent: 'abc' }));
    expect(refused.statusCode).toBe(422);
    expect(fieldErrorText(refused.body, 'country')).toBe(
      'must be a two-letter country code such as DE or US',
    );
    expect(fieldErrorText(refused.body, 'percent')).toBe(
      'must be a percentage from 0 to 100 with at most 4 decimals, e.g. 19 or 8.875',
    );
    expect(refused.body).toContain('value="Federal"');
    const tooMuch = await submitRate(rateForm({ percent: '101' }));
    expect(fieldErrorText(tooMuch.body, 'percent')).toContain('from 0 to 100');
  });

  it('take an inclusive rate from the checkbox and refuse a second active rate for one place', async () => {
    const id = await newRate({ name: 'MwSt', inclusive: 'true' });
    expect(pageText((await owner.get(`/admin/taxes/${id}`)).body)).toContain(
      'included in prices (inclusive)',
    );
    const twin = await submitRate(rateForm({ name: 'USt' }));
    expect(twin.statusCode).toBe(409);
    expect(alert(twin.body)).toContain('"MwSt" is already the active rate for DE');
  });

  it('rename, archive and restore a rate, each on the timeline', async () => {
    const id = await newRate({ name: 'TVA', country: 'FR', percent: '20' });
    const renamed = await owner.submit(`/admin/taxes/${id}`, `/admin/taxes/${id}`, { name: 'TVA normale' });
    expect(renamed.statusCode).toBe(303);
    const blank = await owner.submit(`/admin/taxes/${id}`, `/admin/taxes/${id}`, { name: ' ' });
    expect(blank.statusCode).toBe(422);
    expect(fieldErrorText(blank.body, 'name')).toBe('is required');
    const archive = await owner.submit(`/admin/taxes/${id}`, `/admin/taxes/${id}/status`, {
      archived: 'true',
    });
    expect(archive.statusCode).toBe(303);
    const archivedPage = await owner.get(`/admin/taxes/${id}`);
    expect(toastText(archivedPage.body)).toBe('Tax rate archived.');
    expect(archivedPage.body).toContain('Restore tax rate');
    // While another rate is active for France, this one cannot come back.
    await newRate({ name: 'TVA 2026', country: 'FR', percent: '21' });
    const blocked = await owner.submit(`/admin/taxes/${id}`, `/admin/taxes/${id}/status`, {
      archived: 'false',
    });
    expect(blocked.statusCode).toBe(409);
    expect(alert(blocked.body)).toContain('"TVA 2026" is already the active rate for FR');
    expect(pageText(archivedPage.body)).toMatch(
      /Tax rate archived.*Tax rate changed.*name: TVA → TVA normale.*Tax rate created/,
    );
    expect(await auditActions(id)).toEqual(['tax_rate.created', 'tax_rate.updated', 'tax_rate.archived']);
    const audit = await owner.get('/admin/audit?entity=tax_rate');
    expect(audit.body).toContain(`href="/admin/taxes/${id}"`);
  });

  it('filter the list by country and status', async () => {
    const all = listedNames((await owner.get('/admin/taxes')).body);
    expect(all).toEqual(['MwSt', 'TVA 2026', 'TVA normale', 'NY sales tax']);
    expect(listedNames((await owner.get('/admin/taxes?country=FR')).body).sort()).toEqual([
      'TVA 2026',
      'TVA normale',
    ]);
    expect(listedNames((await owner.get('/admin/taxes?country=FR&status=active')).body)).toEqual([
      'TVA 2026',
    ]);
    expect(listedNames((await owner.get('/admin/taxes?status=archived')).body)).toEqual(['TVA normale']);
    const none = await owner.get('/admin/taxes?country=US&status=archived');
    expect(none.body).toContain('Nothing matches');
  });

  it('let a viewer read them but refuse every write', async () => {
    const viewer = await signIn(t.app, 'val@example.com', viewerPassword);
    const list = await viewer.get('/admin/taxes');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('href="/admin/taxes/new"');
    const id = idIn(/href="\/admin\/taxes\/([0-9a-f-]{36})"/.exec(list.body)?.[1]);
    const page = await viewer.get(`/admin/taxes/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Archive tax rate');
    expect((await viewer.get('/admin/taxes/new')).statusCode).toBe(403);
    expect(
      (await viewer.submit('/admin/taxes', '/admin/taxes', rateForm({ country: 'IT' }))).statusCode,
    ).toBe(403);
    expect(
      (await viewer.submit('/admin/taxes', `/admin/taxes/${id}/status`, { archived: 'true' })).statusCode,
    ).toBe(403);
    expect((await owner.get('/admin/taxes/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe("the customer form's tax exemption", () => {
  it('is ticked and unticked on the edit form, and kept', async () => {
    const created = await owner.sendJson('POST', '/api/v1/customers', {
      email: 'acme@example.com',
      name: 'Acme GmbH',
      currency: 'EUR',
      country: 'AT',
      taxId: 'ATU12345678',
    });
    const { id } = created.json<{ id: string }>();
    const checkbox = (body: string) => /<input id="field-taxExempt"[^>]*>/.exec(body)?.[0] ?? '';
    const edit = await owner.get(`/admin/customers/${id}/edit`);
    expect(checkbox(edit.body)).not.toContain('checked');
    const form = {
      name: 'Acme GmbH',
      email: 'acme@example.com',
      currency: 'EUR',
      locale: 'en-US',
      timeZone: 'UTC',
      country: 'AT',
      taxId: 'ATU12345678',
    };
    const saved = await owner.submit(`/admin/customers/${id}/edit`, `/admin/customers/${id}`, {
      ...form,
      taxExempt: 'true',
    });
    expect(saved.statusCode).toBe(303);
    expect((await owner.getJson(`/api/v1/customers/${id}`)).json<{ taxExempt: boolean }>().taxExempt).toBe(
      true,
    );
    expect(checkbox((await owner.get(`/admin/customers/${id}/edit`)).body)).toContain('checked');
    // A refused save shows the box as it was posted.
    const refused = await owner.submit(`/admin/customers/${id}/edit`, `/admin/customers/${id}`, {
      ...form,
      email: 'nope',
    });
    expect(refused.statusCode).toBe(422);
    expect(checkbox(refused.body)).not.toContain('checked');
    await owner.submit(`/admin/customers/${id}/edit`, `/admin/customers/${id}`, form);
    expect((await owner.getJson(`/api/v1/customers/${id}`)).json<{ taxExempt: boolean }>().taxExempt).toBe(
      false,
    );
  });
});
