import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type BrowserClient } from '../support/browser-client.js';
import { fieldErrorText, pageText, toastText } from '../support/page-text.js';
import {
  annaName,
  startCreditNoteWorld,
  type CreditNoteWorld,
  type InvoiceJson,
} from '../support/credit-note-world.js';
import { hasPdfToText, pdfLayoutText } from '../support/pdf-text.js';
import type { TestApp } from '../support/test-app.js';

/**
 * The credit-note admin: issuing from the invoice page, the list with its filters, the detail
 * page, the PDF and the CSV export, driven like a browser.
 */

let t: TestApp;
let owner: BrowserClient;
let api: CreditNoteWorld['send'];
let finalizedInvoice: CreditNoteWorld['finalizedInvoice'];

/** The text of the element with this id, up to the end of its table. */
const section = (body: string, id: string) =>
  pageText(new RegExp(`id="${id}"[\\s\\S]*?</(table|tfoot)>`).exec(body)?.[0] ?? '');
/** The credit-note numbers linked in the list, in order. */
const listed = (body: string) =>
  [
    ...body.matchAll(
      /<td data-label="Number" class="nowrap"><a href="\/admin\/credit-notes\/[0-9a-f-]{36}">([^<]*)<\/a>/g,
    ),
  ].map((match) => match[1]);
const creditNoteCount = async () =>
  Number((await t.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM credit_notes')).rows[0]?.n);

let bobId = '';
let invoice: InvoiceJson;
let invoicePage = '';
let serverLine = '';
let taxLine = '';

const issue = (form: Record<string, string>) =>
  owner.submit(invoicePage, `/admin/invoices/${invoice.id}/credit-notes`, form);

beforeAll(async () => {
  ({ t, owner, send: api, finalizedInvoice, bobId, annaInvoice: invoice } = await startCreditNoteWorld());
  invoicePage = `/admin/invoices/${invoice.id}`;
  serverLine = `line.${invoice.lines[0]?.id}`;
  taxLine = `line.${invoice.lines.find((line) => line.kind === 'tax')?.id}`;
});
afterAll(async () => t.close());

describe('credit note pages', () => {
  it('start empty, linked from the sidebar right under Invoices; a draft has no credit notes card', async () => {
    const page = await owner.get('/admin/credit-notes');
    expect(page.statusCode).toBe(200);
    expect(pageText(page.body)).toContain('No credit notes yet');
    expect(page.body).toMatch(/<a href="\/admin\/credit-notes" class="nav-link active" aria-current="page"/);
    const nav = [...page.body.matchAll(/<a href="([^"]+)" class="nav-link/g)].map((match) => match[1]);
    expect(nav[nav.indexOf('/admin/invoices') + 1]).toBe('/admin/credit-notes');

    const draft = await api<{ id: string }>(
      'POST',
      '/api/v1/invoices',
      { customerId: bobId, lines: [{ description: 'Hours', unitAmount: 1000 }] },
      201,
    );
    const draftPage = await owner.get(`/admin/invoices/${draft.id}`);
    expect(draftPage.body).not.toContain('<h3 class="card-title">Credit notes</h3>');
    expect(draftPage.body).not.toContain(`/admin/invoices/${draft.id}/credit-notes`);
  });

  it('refuse a bad credit on the invoice page with the field at fault, and write nothing', async () => {
    const page = await owner.get(invoicePage);
    expect(page.body).toContain('<h3 class="card-title">Credit notes</h3>');
    expect(pageText(page.body)).toContain('No credit notes.');
    expect(pageText(page.body)).toContain('Up to 297,50 € can still be credited.');
    expect(page.body).toContain(`action="/admin/invoices/${invoice.id}/credit-notes#invoice-credit"`);

    const chosen = { reason: 'order_change', outcome: 'customer_balance' };
    const cases: [Record<string, string>, string, string][] = [
      [
        { ...chosen, amount: '400' },
        'amount',
        'must be at most 297.50 EUR, what is left to credit on this invoice',
      ],
      [chosen, 'amount', 'give either an amount or lines, not both'],
      [{ ...chosen, amount: '5', [serverLine]: '5' }, 'amount', 'give either an amount or lines, not both'],
      [{ ...chosen, [serverLine]: '1.234' }, serverLine, 'must be a number with at most 2 decimals'],
      [{ ...chosen, [serverLine]: '250' }, serverLine, "must be at most the line's 200.00 EUR"],
      [{ ...chosen, [serverLine]: '0' }, serverLine, 'must be more than 0'],
      [
        { amount: '10', outcome: 'refund' },
        'reason',
        'must be duplicate, fraudulent, order_change, product_unsatisfactory or other',
      ],
    ];
    for (const [form, field, message] of cases) {
      const refused = await issue(form);
      expect(refused.statusCode, JSON.stringify(form)).toBe(422);
      expect(fieldErrorText(refused.body, field), JSON.stringify(form)).toBe(message);
    }
    // What was typed is shown again.
    const again = await issue({ ...chosen, amount: '400', memo: 'Too much' });
    expect(again.body).toMatch(/id="field-amount"[^>]*value="400"/);
    expect(again.body).toContain('>Too much</textarea>');

    expect(await creditNoteCount()).toBe(0);
    const unchanged = await api<InvoiceJson>('GET', `/api/v1/invoices/${invoice.id}`, undefined, 200);
    expect(unchanged.amountDue).toBe('29750');
  });

  it('issue one from the invoice page: on the invoice, in the list, audited, and the amount due lowered', async () => {
    t.clock.set('2027-03-10T13:00:00Z');
    const issued = await issue({
      [serverLine]: '50',
      [taxLine]: '9.50',
      reason: 'product_unsatisfactory',
      outcome: 'customer_balance',
      memo: 'Server down for two days',
    });
    expect(issued.statusCode, issued.body.slice(0, 300)).toBe(303);
    expect(issued.headers.location).toBe(invoicePage);

    const page = await owner.get(invoicePage);
    expect(toastText(page.body)).toBe('Credit note CN-2027-000001 issued.');
    expect(section(page.body, 'invoice-credit-notes')).toContain(
      'CN-2027-000001 Product unsatisfactory Customer balance 59,50 € 10 Mar 2027',
    );
    const totals = section(page.body, 'invoice-totals');
    expect(totals).toContain('Credited -59,50 €');
    expect(totals).toContain('Amount due 238,00 €');
    expect(pageText(page.body)).toContain('Up to 238,00 € can still be credited.');
    expect(pageText(page.body)).toContain('Credit note issued');
    const after = await api<InvoiceJson>('GET', `/api/v1/invoices/${invoice.id}`, undefined, 200);
    expect(after.amountDue).toBe('23800');

    const list = await owner.get('/admin/credit-notes');
    expect(listed(list.body)).toEqual(['CN-2027-000001']);
    expect(pageText(list.body)).toContain(
      `CN-2027-000001 INV-2027-000001 ${annaName} Product unsatisfactory Customer balance 59,50 € 10 Mar 2027`,
    );

    const id = /href="\/admin\/credit-notes\/([0-9a-f-]{36})"/.exec(list.body)?.[1] ?? '';
    const detail = await owner.get(`/admin/credit-notes/${id}`);
    expect(detail.statusCode).toBe(200);
    const lines = section(detail.body, 'credit-note-lines');
    expect(lines).toContain('One-off Server setup — 50,00 €');
    expect(lines).toContain('Tax VAT 19 % — 9,50 €');
    expect(lines).toContain('Total credit 59,50 €');
    const text = pageText(detail.body);
    expect(text).toContain(`CN-2027-000001 Customer balance 59,50 € · ${annaName}`);
    expect(text).toContain('Invoice INV-2027-000001');
    expect(text).toContain('Reason Product unsatisfactory');
    expect(text).toContain('Memo Server down for two days');
    expect(detail.body).toContain(`href="${invoicePage}"`);
    expect(detail.body).toContain(`href="/admin/credit-notes/${id}/pdf"`);
    expect((await owner.get('/admin/credit-notes/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });

  it('filter the list by customer search, reason, outcome, dates and amount, keeping the filters in the export', async () => {
    t.clock.set('2027-03-11T09:00:00Z');
    const bobInvoice = await finalizedInvoice(bobId, [{ description: 'Hosting', unitAmount: 8000 }]);
    await api(
      'POST',
      `/api/v1/invoices/${bobInvoice.id}/credit-notes`,
      { amount: 2500, reason: 'duplicate', outcome: 'refund' },
      201,
    );
    const numbersFor = async (query: string) =>
      listed((await owner.get(`/admin/credit-notes?${query}`)).body);
    expect(await numbersFor('')).toEqual(['CN-2027-000002', 'CN-2027-000001']);
    expect(await numbersFor('q=anna')).toEqual(['CN-2027-000001']);
    expect(await numbersFor(`customer=${bobId}`)).toEqual(['CN-2027-000002']);
    expect(await numbersFor('reason=duplicate')).toEqual(['CN-2027-000002']);
    expect(await numbersFor('outcome=customer_balance')).toEqual(['CN-2027-000001']);
    expect(await numbersFor('from=2027-03-10&to=2027-03-10')).toEqual(['CN-2027-000001']);
    expect(await numbersFor('from=2027-03-11')).toEqual(['CN-2027-000002']);
    expect(await numbersFor('min=20&max=30.00')).toEqual(['CN-2027-000002']);
    // A malformed filter is no filter, and is dropped from the form.
    expect(await numbersFor('reason=whim&min=lots')).toEqual(['CN-2027-000002', 'CN-2027-000001']);

    const none = await owner.get('/admin/credit-notes?reason=fraudulent&to=2027-03-11');
    expect(pageText(none.body)).toContain('Nothing matches');
    expect(none.body).toContain('href="/admin/credit-notes/export.csv?reason=fraudulent&amp;to=2027-03-11"');
    expect(none.body).toMatch(/<option value="fraudulent" selected/);
  });

  it('page a long list with a total and the filters kept in the links', async () => {
    t.clock.set('2027-03-12T10:00:00Z');
    const big = await finalizedInvoice(bobId, [{ description: 'Yearly hosting', unitAmount: 100_000 }]);
    for (let index = 0; index < 26; index++)
      await api(
        'POST',
        `/api/v1/invoices/${big.id}/credit-notes`,
        { amount: 100 + index, reason: 'order_change', outcome: 'refund' },
        201,
      );
    const first = await owner.get('/admin/credit-notes?reason=order_change');
    expect(listed(first.body)).toHaveLength(25);
    expect(pageText(first.body)).toContain('1–25 of 26');
    expect(first.body).toContain('href="/admin/credit-notes?reason=order_change&amp;page=2"');
    const second = await owner.get('/admin/credit-notes?reason=order_change&page=2');
    expect(listed(second.body)).toHaveLength(1);
    expect(pageText(second.body)).toContain('26–26 of 26');
    const all = new Set([...listed(first.body), ...listed(second.body)]);
    expect(all.size).toBe(26);
    expect(all.has('CN-2027-000001')).toBe(false);
  });

  it('download the PDF named after the number, and the filtered CSV', async () => {
    const list = await owner.get('/admin/credit-notes?q=anna');
    const id = /href="\/admin\/credit-notes\/([0-9a-f-]{36})"/.exec(list.body)?.[1] ?? '';
    const pdf = await owner.get(`/admin/credit-notes/${id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="CN-2027-000001.pdf"');
    if (hasPdfToText) {
      const printed = pdfLayoutText(pdf.rawPayload);
      expect(printed).toContain('CN-2027-000001');
      expect(printed).toMatch(/For invoice INV-2027-000001/);
      expect(printed).toContain(annaName);
      expect(printed).toMatch(/Server setup 1 50,00 € 50,00 €/);
      expect(printed).toMatch(/VAT 19 % 9,50 €/);
      expect(printed).toMatch(/Total credit 59,50 €/);
      expect(printed).toContain('Server down for two days');
    }

    expect(list.body).toContain('href="/admin/credit-notes/export.csv?q=anna"');
    const csv = await owner.get('/admin/credit-notes/export.csv?q=anna');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="credit-notes-2027-03-12.csv"');
    expect(csv.body.split('\r\n')).toEqual([
      'number,invoice_number,customer_name,customer_email,currency,amount,reason,outcome,memo,created_at',
      'CN-2027-000001,INV-2027-000001,"Müller, Anna ""Annie""",anna@example.de,EUR,59.50,product_unsatisfactory,' +
        'customer_balance,Server down for two days,2027-03-10T13:00:00.000Z',
      '',
    ]);
  });

  it('let a viewer read and download, but not issue', async () => {
    await api(
      'POST',
      '/api/v1/staff-users',
      { email: 'val@example.com', name: 'Val Viewer', role: 'viewer', password: 'viewer long password' },
      201,
    );
    const viewer = await signIn(t.app, 'val@example.com', 'viewer long password');
    const list = await viewer.get('/admin/credit-notes?q=anna');
    expect(listed(list.body)).toEqual(['CN-2027-000001']);
    const id = /href="\/admin\/credit-notes\/([0-9a-f-]{36})"/.exec(list.body)?.[1] ?? '';
    expect((await viewer.get(`/admin/credit-notes/${id}`)).statusCode).toBe(200);
    expect((await viewer.get(`/admin/credit-notes/${id}/pdf`)).statusCode).toBe(200);
    const page = await viewer.get(invoicePage);
    expect(section(page.body, 'invoice-credit-notes')).toContain('CN-2027-000001');
    expect(page.body).not.toContain(`action="/admin/invoices/${invoice.id}/credit-notes`);
    const before = await creditNoteCount();
    const refused = await viewer.submit(invoicePage, `/admin/invoices/${invoice.id}/credit-notes`, {
      amount: '1',
      reason: 'other',
      outcome: 'refund',
    });
    expect(refused.statusCode).toBe(403);
    expect(await creditNoteCount()).toBe(before);
  });
});
