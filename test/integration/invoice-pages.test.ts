import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { fieldErrorText, pageText, toastText } from '../support/page-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The invoice admin pages, the PDF download and the CSV export, driven like a browser. */

let t: TestApp;
let owner: BrowserClient;
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const hasPdfToText = !spawnSync('pdftotext', ['-v']).error;
const workDir = mkdtempSync(join(tmpdir(), 'tollgate-invoice-pages-'));

const section = (body: string, id: string) =>
  pageText(new RegExp(`id="${id}"[\\s\\S]*?</(table|tfoot)>`).exec(body)?.[0] ?? '');
/** The invoice names (numbers or "Draft") linked in the list, in order. */
const listed = (body: string) =>
  [
    ...body.matchAll(
      /<td data-label="Number" class="nowrap"><a href="\/admin\/invoices\/[0-9a-f-]{36}">([^<]*)<\/a>/g,
    ),
  ].map((match) => match[1]);

const trickyName = 'Müller, Anna "Annie"';
let trickyId = '';
let plainId = '';

async function newCustomer(body: Record<string, string>) {
  const response = await owner.sendJson('POST', '/api/v1/customers', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function apiDraft(customerId: string, unitAmount: number, description = 'Consulting') {
  const response = await owner.sendJson('POST', '/api/v1/invoices', {
    customerId,
    lines: [{ description, quantity: 1, unitAmount }],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function submitInvoice(form: Record<string, string>) {
  return owner.submit('/admin/invoices/new', '/admin/invoices', form);
}

async function finalize(id: string) {
  const response = await owner.submit(`/admin/invoices/${id}`, `/admin/invoices/${id}/finalize`, {});
  expect(response.statusCode, response.body.slice(0, 300)).toBe(303);
}

beforeAll(async () => {
  t = await startTestApp({
    env: {
      TOLLGATE_BUSINESS_NAME: 'Gatekeepers Ltd',
      TOLLGATE_BUSINESS_ADDRESS: '1 Road|Town',
      // The list's date filter needs a second day; the session should last through it.
      TOLLGATE_SESSION_IDLE_MINUTES: '2880',
      TOLLGATE_SESSION_MAX_HOURS: '48',
    },
  });
  t.clock.set('2027-03-10T12:00:00Z');
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  trickyId = await newCustomer({
    email: 'anna@example.de',
    name: trickyName,
    currency: 'EUR',
    country: 'DE',
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
  });
  plainId = await newCustomer({
    email: 'bob@example.com',
    name: 'Bob Plain',
    currency: 'USD',
    country: 'US',
  });
});
afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  await t.close();
});

describe('invoice pages', () => {
  it('start empty, with the way to a first invoice, linked from the sidebar', async () => {
    const page = await owner.get('/admin/invoices');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No invoices yet');
    expect(page.body).toContain('href="/admin/invoices/new"');
    expect((await owner.get('/admin')).body).toMatch(/href="\/admin\/invoices"[^>]*>[\s\S]*?Invoices/);
  });

  it('create a manual invoice through the form, shown with lines and totals in the customer locale', async () => {
    const form = await owner.get(`/admin/invoices/new?customerId=${trickyId}`);
    expect(form.statusCode).toBe(200);
    expect(pageText(form.body)).toContain(trickyName);
    const response = await submitInvoice({
      customerId: trickyId,
      'lines.0.description': 'Server setup',
      'lines.0.quantity': '2',
      'lines.0.unitAmount': '1234.5',
      'lines.2.description': 'Goodwill',
      'lines.2.unitAmount': '-10',
      paymentTermsDays: '30',
      memo: 'Thanks!',
    });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(303);
    const id = uuid.exec(String(response.headers.location))?.[0] ?? '';
    const page = await owner.get(`/admin/invoices/${id}`);
    expect(toastText(page.body)).toBe('Draft invoice created.');
    expect(section(page.body, 'invoice-lines')).toContain('One-off Server setup — 2 1.234,50 € 2.469,00 €');
    expect(section(page.body, 'invoice-lines')).toContain('Goodwill — 1 -10,00 € -10,00 €');
    expect(section(page.body, 'invoice-totals')).toContain('Total 2.459,00 €');
    expect(pageText(page.body)).toContain('Draft');
    expect(pageText(page.body)).toContain('Invoice drafted');

    await finalize(id);
    const finalized = await owner.get(`/admin/invoices/${id}`);
    const number = `INV-2027-000001`;
    expect(toastText(finalized.body)).toBe(`Invoice ${number} finalized.`);
    expect(pageText(finalized.body)).toContain(`${number} Open`);
    expect(pageText(finalized.body)).toContain('Invoice finalized');
  });

  it('refuse a bad line and an action without a reason, saying which field and why', async () => {
    const bad = await submitInvoice({
      customerId: plainId,
      'lines.1.description': 'Hours',
      'lines.1.unitAmount': '12.345',
    });
    expect(bad.statusCode).toBe(422);
    expect(fieldErrorText(bad.body, 'lines.1.unitAmount')).toBe('must be a number with at most 2 decimals');
    const none = await submitInvoice({ customerId: plainId });
    expect(none.statusCode).toBe(422);
    expect(pageText(none.body)).toContain('needs at least one line');

    // Later than the first invoice, so the list's newest-first order is certain.
    t.clock.set('2027-03-10T12:10:00Z');
    const id = await apiDraft(plainId, 5000);
    await finalize(id);
    const refused = await owner.submit(`/admin/invoices/${id}`, `/admin/invoices/${id}/actions`, {
      action: 'void',
      reason: ' ',
    });
    expect(refused.statusCode).toBe(422);
    expect(fieldErrorText(refused.body, 'reason')).toBe('is required: say why, for the audit log');
    const paid = await owner.submit(`/admin/invoices/${id}`, `/admin/invoices/${id}/actions`, {
      action: 'mark_paid',
      reason: 'Bank transfer',
    });
    expect(paid.statusCode).toBe(303);
    const page = await owner.get(`/admin/invoices/${id}`);
    expect(toastText(page.body)).toBe('Invoice marked paid.');
    expect(pageText(page.body)).toContain('Invoice marked paid');
  });

  it('filter the list by status, customer search, dates and amount, and page with a total', async () => {
    t.clock.set('2027-03-11T08:00:00Z');
    await apiDraft(plainId, 5000, 'Hours to be confirmed');
    const all = await owner.get('/admin/invoices');
    expect(listed(all.body)).toEqual(['Draft', 'INV-2027-000002', 'INV-2027-000001']);
    expect(pageText(all.body)).toContain('1–3 of 3');
    expect(listed((await owner.get('/admin/invoices?status=paid')).body)).toEqual(['INV-2027-000002']);
    expect(listed((await owner.get('/admin/invoices?q=anna')).body)).toEqual(['INV-2027-000001']);
    expect(listed((await owner.get('/admin/invoices?min=50&max=50.00')).body)).toEqual([
      'Draft',
      'INV-2027-000002',
    ]);
    expect(listed((await owner.get('/admin/invoices?from=2027-03-10&to=2027-03-10')).body)).toEqual([
      'INV-2027-000002',
      'INV-2027-000001',
    ]);
    expect(listed((await owner.get('/admin/invoices?from=2027-03-11')).body)).toEqual(['Draft']);
    const none = await owner.get('/admin/invoices?to=2027-03-09');
    expect(pageText(none.body)).toContain('Nothing matches');
    expect(none.body).toContain('href="/admin/invoices/export.csv?to=2027-03-09"');
    const customerPage = await owner.get(`/admin/customers/${plainId}`);
    expect(customerPage.body).toContain(`href="/admin/invoices?customer=${plainId}"`);
    expect(pageText(customerPage.body)).toContain('All 2 invoices');
  });

  it('download the PDF, named after the number, with the number, customer and total in it', async () => {
    const { rows } = await t.database.pool.query<{ id: string }>(
      "SELECT id FROM invoices WHERE number = 'INV-2027-000001'",
    );
    const id = rows[0]?.id ?? '';
    for (const url of [`/admin/invoices/${id}/pdf`, `/api/v1/invoices/${id}/pdf`]) {
      const response = await owner.get(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe('attachment; filename="INV-2027-000001.pdf"');
      expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      if (!hasPdfToText) continue;
      const file = join(workDir, 'invoice.pdf');
      writeFileSync(file, response.rawPayload);
      const printed = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/[^\S\n]+/gu, ' ');
      expect(printed).toContain('INV-2027-000001');
      expect(printed).toContain(trickyName);
      expect(printed).toContain('2.459,00 €');
      expect(printed).toContain('Gatekeepers Ltd');
    }
    const draft = await owner.get('/admin/invoices?status=draft');
    const draftId = /href="\/admin\/invoices\/([0-9a-f-]{36})"/.exec(draft.body)?.[1] ?? '';
    const draftPdf = await owner.get(`/api/v1/invoices/${draftId}/pdf`);
    expect(draftPdf.headers['content-disposition']).toBe(`attachment; filename="draft-${draftId}.pdf"`);
    expect(
      (await owner.get(`/api/v1/invoices/${'0'.repeat(8)}-0000-0000-0000-000000000000/pdf`)).statusCode,
    ).toBe(404);
  });

  it('export the filtered list as CSV with RFC 4180 quoting', async () => {
    const header =
      'number,status,customer_name,customer_email,currency,subtotal,discount,tax,total,amount_due,created_at,finalized_at,due_at,paid_at';
    const admin = await owner.get('/admin/invoices/export.csv?q=anna');
    expect(admin.statusCode).toBe(200);
    expect(admin.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(admin.headers['content-disposition']).toBe('attachment; filename="invoices-2027-03-11.csv"');
    const lines = admin.body.split('\r\n');
    expect(lines[0]).toBe(header);
    expect(lines[1]).toBe(
      'INV-2027-000001,open,"Müller, Anna ""Annie""",anna@example.de,EUR,2459.00,0.00,0.00,2459.00,2459.00,' +
        '2027-03-10T12:00:00.000Z,2027-03-10T12:00:00.000Z,2027-04-09T12:00:00.000Z,',
    );
    expect(lines.slice(2)).toEqual(['']);
    const api = await owner.get(`/api/v1/invoices/export.csv?status=paid&customerId=${plainId}`);
    expect(api.statusCode).toBe(200);
    const apiLines = api.body.trim().split('\r\n');
    expect(apiLines).toHaveLength(2);
    expect(apiLines[1]).toMatch(
      /^INV-2027-000002,paid,Bob Plain,bob@example.com,USD,50.00,0.00,0.00,50.00,0.00,/,
    );
    expect(apiLines[1]).toMatch(/,2027-03-10T12:10:00.000Z$/);
  });

  it('page a long list with the filters kept in the links', async () => {
    for (let index = 0; index < 25; index++) await apiDraft(plainId, 100 + index);
    const first = await owner.get('/admin/invoices?status=draft');
    expect(listed(first.body)).toHaveLength(25);
    expect(pageText(first.body)).toContain('1–25 of 26');
    expect(first.body).toContain('href="/admin/invoices?status=draft&amp;page=2"');
    const second = await owner.get('/admin/invoices?status=draft&page=2');
    expect(listed(second.body)).toEqual(['Draft']);
    expect(pageText(second.body)).toContain('26–26 of 26');
  });

  it('let a viewer read and download, but not act', async () => {
    const created = await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'val@example.com',
      name: 'Val Viewer',
      role: 'viewer',
      password: 'viewer long password',
    });
    expect(created.statusCode).toBe(201);
    const viewer = await signIn(t.app, 'val@example.com', 'viewer long password');
    const { rows } = await t.database.pool.query<{ id: string }>(
      "SELECT id FROM invoices WHERE number = 'INV-2027-000001'",
    );
    const id = rows[0]?.id ?? '';
    const page = await viewer.get(`/admin/invoices/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`action="/admin/invoices/${id}/actions`);
    expect(page.body).not.toContain('href="/admin/invoices/new"');
    expect((await viewer.get(`/admin/invoices/${id}/pdf`)).statusCode).toBe(200);
    const refused = await viewer.submit(`/admin/invoices/${id}`, `/admin/invoices/${id}/actions`, {
      action: 'void',
      reason: 'Not allowed',
    });
    expect(refused.statusCode).toBe(403);
  });
});
