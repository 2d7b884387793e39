import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type BrowserClient } from '../support/browser-client.js';
import {
  annaName,
  startCreditNoteWorld,
  type CreditNoteWorld,
  type InvoiceJson,
} from '../support/credit-note-world.js';
import { hasPdfToText, pdfLayoutText } from '../support/pdf-text.js';
import type { TestApp } from '../support/test-app.js';

/** GET /api/v1/credit-notes and what hangs off it: filters, cursor pages, detail, CSV and PDF. */

let t: TestApp;
let owner: BrowserClient;

interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}
interface NoteJson {
  id: string;
  invoiceId: string;
  invoiceNumber: string;
  customerId: string;
  number: string;
  currency: string;
  amount: string;
  reason: string;
  memo: string;
  outcome: string;
  createdAt: string;
  lines?: { id: string; invoiceLineId: string | null; description: string; amount: string }[];
}
interface PageJson {
  data: NoteJson[];
  nextCursor: string | null;
}

let send: CreditNoteWorld['send'];
const get = <T>(url: string, status = 200) => send<T>('GET', url, undefined, status);
const numbers = (page: PageJson) => page.data.map((note) => note.number);

let annaId = '';
let bobId = '';
let annaInvoice: InvoiceJson;
let bobInvoice: InvoiceJson;
const notes: Record<'first' | 'second' | 'third', NoteJson> = {} as never;

const lineOf = (invoice: InvoiceJson, kind: string) => invoice.lines.find((line) => line.kind === kind);

beforeAll(async () => {
  let finalizedInvoice: CreditNoteWorld['finalizedInvoice'];
  ({ t, owner, send, finalizedInvoice, annaId, bobId, annaInvoice } = await startCreditNoteWorld());
  bobInvoice = await finalizedInvoice(bobId, [{ description: 'Hosting', quantity: 1, unitAmount: 8000 }]);
  await send(
    'POST',
    `/api/v1/invoices/${bobInvoice.id}/actions`,
    { action: 'mark_paid', reason: 'Card' },
    200,
  );

  const credit = (invoiceId: string, body: unknown) =>
    send<NoteJson>('POST', `/api/v1/invoices/${invoiceId}/credit-notes`, body, 201);
  t.clock.set('2027-03-10T13:00:00Z');
  notes.first = await credit(annaInvoice.id, {
    lines: [
      { invoiceLineId: lineOf(annaInvoice, 'one_off')?.id, amount: 10000 },
      { invoiceLineId: lineOf(annaInvoice, 'tax')?.id, amount: '1900' },
    ],
    reason: 'product_unsatisfactory',
    memo: 'One server never came up, "sorry"',
    outcome: 'customer_balance',
  });
  t.clock.set('2027-03-11T09:00:00Z');
  notes.second = await credit(bobInvoice.id, {
    amount: 2500,
    reason: 'duplicate',
    memo: 'Charged twice, see ticket 12\nrefunded by card',
    outcome: 'refund',
  });
  t.clock.set('2027-03-12T10:00:00Z');
  notes.third = await credit(annaInvoice.id, { amount: 500, reason: 'other', outcome: 'customer_balance' });
});
afterAll(async () => t.close());

describe('the list of all credit notes', () => {
  it('is newest first, each note with its invoice number and customer, money as minor-unit strings', async () => {
    const page = await get<PageJson>('/api/v1/credit-notes');
    expect(numbers(page)).toEqual(['CN-2027-000003', 'CN-2027-000002', 'CN-2027-000001']);
    expect(page.nextCursor).toBeNull();
    expect(page.data[2]).toEqual({
      id: notes.first.id,
      invoiceId: annaInvoice.id,
      invoiceNumber: 'INV-2027-000001',
      customerId: annaId,
      number: 'CN-2027-000001',
      currency: 'EUR',
      amount: '11900',
      reason: 'product_unsatisfactory',
      memo: 'One server never came up, "sorry"',
      outcome: 'customer_balance',
      createdAt: '2027-03-10T13:00:00.000Z',
    });
    expect(page.data[1]).toMatchObject({
      invoiceNumber: 'INV-2027-000002',
      customerId: bobId,
      currency: 'USD',
    });
  });

  it('filters by customer, reason, outcome, issue date and amount', async () => {
    const cases: [string, string[]][] = [
      [`customerId=${annaId}`, ['CN-2027-000003', 'CN-2027-000001']],
      [`customerId=${bobId}&outcome=refund`, ['CN-2027-000002']],
      ['reason=duplicate', ['CN-2027-000002']],
      ['outcome=customer_balance', ['CN-2027-000003', 'CN-2027-000001']],
      // "to" is exclusive: a note at 13:00 on the 10th is before the 11th.
      ['from=2027-03-10T13:00:00Z&to=2027-03-11T00:00:00Z', ['CN-2027-000001']],
      ['from=2027-03-11', ['CN-2027-000003', 'CN-2027-000002']],
      ['minAmount=1000&maxAmount=11900', ['CN-2027-000002', 'CN-2027-000001']],
      ['maxAmount=499', []],
      ['customerId=nobody', []],
    ];
    for (const [query, expected] of cases)
      expect(numbers(await get<PageJson>(`/api/v1/credit-notes?${query}`)), query).toEqual(expected);
  });

  it('refuses a filter it cannot read, naming it', async () => {
    const cases: [string, string][] = [
      ['reason=whim', 'reason'],
      ['outcome=cash', 'outcome'],
      ['minAmount=1.50', 'minAmount'],
      ['limit=0', 'limit'],
    ];
    for (const [query, field] of cases) {
      const refused = await get<ErrorJson>(`/api/v1/credit-notes?${query}`, 422);
      expect(Object.keys(refused.error.fields ?? {}), query).toEqual([field]);
    }
  });

  it('pages by cursor without repeats, and refuses a cursor made for other filters', async () => {
    const first = await get<PageJson>('/api/v1/credit-notes?limit=2');
    expect(numbers(first)).toEqual(['CN-2027-000003', 'CN-2027-000002']);
    const cursor = encodeURIComponent(first.nextCursor ?? '');
    const second = await get<PageJson>(`/api/v1/credit-notes?limit=2&cursor=${cursor}`);
    expect(numbers(second)).toEqual(['CN-2027-000001']);
    expect(second.nextCursor).toBeNull();
    const other = await get<ErrorJson>(`/api/v1/credit-notes?limit=2&reason=other&cursor=${cursor}`, 422);
    expect(other.error.fields?.['cursor']).toMatch(/^was made for another sort or other filters/);
  });
});

describe('one credit note', () => {
  it('comes with its lines: the invoice lines it takes back, or one lump-sum line', async () => {
    const byLines = await get<NoteJson>(`/api/v1/credit-notes/${notes.first.id}`);
    expect(byLines).toMatchObject({
      number: 'CN-2027-000001',
      invoiceNumber: 'INV-2027-000001',
      amount: '11900',
    });
    expect(
      byLines.lines?.map(({ invoiceLineId, description, amount }) => [invoiceLineId, description, amount]),
    ).toEqual([
      [lineOf(annaInvoice, 'one_off')?.id, 'Server setup', '10000'],
      [lineOf(annaInvoice, 'tax')?.id, 'VAT 19 %', '1900'],
    ]);
    const lump = await get<NoteJson>(`/api/v1/credit-notes/${notes.third.id}`);
    expect(
      lump.lines?.map(({ invoiceLineId, description, amount }) => [invoiceLineId, description, amount]),
    ).toEqual([[null, 'Credit', '500']]);
  });

  it('is a 404 when there is no such credit note', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'CN-2027-000001']) {
      const missing = await get<ErrorJson>(`/api/v1/credit-notes/${id}`, 404);
      expect(missing.error).toMatchObject({ code: 'not_found', message: 'No such credit note.' });
      expect((await owner.get(`/api/v1/credit-notes/${id}/pdf`)).statusCode).toBe(404);
    }
  });

  it('is a 404 to ask for the credit notes of an invoice that does not exist, not an empty list', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'INV-2027-000001']) {
      const missing = await get<ErrorJson>(`/api/v1/invoices/${id}/credit-notes`, 404);
      expect(missing.error).toMatchObject({ code: 'not_found', message: 'No such invoice.' });
    }
  });
});

describe('downloads', () => {
  it('exports the filtered list as CSV, quoting names and memos per RFC 4180', async () => {
    const response = await owner.get(`/api/v1/credit-notes/export.csv?customerId=${annaId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="credit-notes-2027-03-12.csv"',
    );
    expect(response.body.split('\r\n')).toEqual([
      'number,invoice_number,customer_name,customer_email,currency,amount,reason,outcome,memo,created_at',
      'CN-2027-000003,INV-2027-000001,"Müller, Anna ""Annie""",anna@example.de,EUR,5.00,other,customer_balance,,2027-03-12T10:00:00.000Z',
      'CN-2027-000001,INV-2027-000001,"Müller, Anna ""Annie""",anna@example.de,EUR,119.00,product_unsatisfactory,customer_balance,' +
        '"One server never came up, ""sorry""",2027-03-10T13:00:00.000Z',
      '',
    ]);
    const refunds = await owner.get('/api/v1/credit-notes/export.csv?outcome=refund');
    expect(refunds.body.split('\r\n')[1]).toBe(
      'CN-2027-000002,INV-2027-000002,Bob Plain,bob@example.com,USD,25.00,duplicate,refund,' +
        '"Charged twice, see ticket 12\nrefunded by card",2027-03-11T09:00:00.000Z',
    );
  });

  it.skipIf(!hasPdfToText)(
    'prints the PDF with the number, the invoice it credits, the customer and the total credit',
    async () => {
      const printed = async (note: NoteJson) => {
        const response = await owner.get(`/api/v1/credit-notes/${note.id}/pdf`);
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('application/pdf');
        expect(response.headers['content-disposition']).toBe(`attachment; filename="${note.number}.pdf"`);
        return pdfLayoutText(response.rawPayload);
      };
      const byLines = await printed(notes.first);
      for (const expected of [
        'Credit note',
        'CN-2027-000001',
        'For invoice INV-2027-000001',
        annaName,
        'Gatekeepers Ltd',
        'Product unsatisfactory',
        'One server never came up, "sorry"',
        'Issued 10.03.2027',
      ])
        expect(byLines).toContain(expected);
      expect(byLines).toMatch(/Server setup 1 100,00 € 100,00 €/);
      expect(byLines).toMatch(/VAT 19 % 19,00 €/);
      expect(byLines).toMatch(/Total credit 119,00 €/);
      // A paragraph wraps; read it as one line.
      const flat = (text: string) => text.replace(/\s+/g, ' ');
      expect(flat(byLines)).toContain(
        'This credit is applied to invoice INV-2027-000001; any part of it already paid is added to your account balance.',
      );
      expect(byLines).not.toContain('Amount due');

      const refund = await printed(notes.second);
      expect(refund).toMatch(/Total credit \$25\.00/);
      expect(refund).toContain('Duplicate charge');
      expect(flat(refund)).toContain('any part of it already paid is refunded to you.');
      // A lump sum has no tax part of its own: no tax row.
      const lump = await printed(notes.third);
      expect(lump).toMatch(/Total credit 5,00 €/);
      expect(lump).not.toMatch(/VAT|Tax/);
    },
  );
});

describe('roles', () => {
  it('let a viewer read, export and download, but not issue', async () => {
    await send(
      'POST',
      '/api/v1/staff-users',
      { email: 'val@example.com', name: 'Val Viewer', role: 'viewer', password: 'viewer long password' },
      201,
    );
    const viewer = await signIn(t.app, 'val@example.com', 'viewer long password');
    expect((await viewer.getJson('/api/v1/credit-notes')).json<PageJson>().data).toHaveLength(3);
    for (const url of [
      `/api/v1/credit-notes/${notes.first.id}`,
      `/api/v1/credit-notes/${notes.first.id}/pdf`,
      '/api/v1/credit-notes/export.csv',
    ])
      expect((await viewer.getJson(url)).statusCode, url).toBe(200);
    const refused = await viewer.sendJson('POST', `/api/v1/invoices/${annaInvoice.id}/credit-notes`, {
      amount: 100,
      reason: 'other',
      outcome: 'customer_balance',
    });
    expect(refused.statusCode).toBe(403);
    expect(numbers(await get<PageJson>('/api/v1/credit-notes'))).toHaveLength(3);
  });
});
