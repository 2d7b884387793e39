import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, setUpOwner } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let owner: BrowserClient;

interface InvoiceJson {
  id: string;
  number: string | null;
  status: string;
  currency: string;
  subtotal: string;
  total: string;
  amountDue: string;
  amountPaid: string;
  dueAt: string | null;
  allowedActions: string[];
  lines?: { kind: string; description: string; quantity: number; unitAmount: string; amount: string }[];
}
interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}

async function send<T>(method: string, url: string, body: unknown, status: number): Promise<T> {
  const response = await owner.sendJson(method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
  return response.json<T>();
}

let customerId = '';

async function draft(lines = [{ description: 'Server setup', quantity: 2, unitAmount: 2500 }]) {
  return send<InvoiceJson>('POST', '/api/v1/invoices', { customerId, lines, paymentTermsDays: 30 }, 201);
}

beforeAll(async () => {
  t = await startTestApp({ env: { TOLLGATE_INVOICE_NUMBER_FORMAT: 'INV-{YYYY}-{0000}' } });
  t.clock.set('2027-03-10T12:00:00Z');
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  customerId = (
    await send<{ id: string }>(
      'POST',
      '/api/v1/customers',
      { email: 'ops@example.com', name: 'Ops Ltd', currency: 'EUR', country: 'DE' },
      201,
    )
  ).id;
});
afterAll(async () => {
  await t.close();
});

describe('manual invoices', () => {
  it('start as an unnumbered draft whose totals are what the lines add up to', async () => {
    const invoice = await draft([
      { description: 'Server setup', quantity: 2, unitAmount: 2500 },
      { description: 'Goodwill credit', quantity: 1, unitAmount: -1000 },
    ]);
    expect(invoice).toMatchObject({
      status: 'draft',
      number: null,
      currency: 'EUR',
      subtotal: '4000',
      total: '4000',
    });
    expect(invoice.allowedActions).toEqual(['finalize']);
    const read = await send<InvoiceJson>('GET', `/api/v1/invoices/${invoice.id}`, undefined, 200);
    expect(read.lines?.map((line) => [line.kind, line.quantity, line.unitAmount, line.amount])).toEqual([
      ['one_off', 2, '2500', '5000'],
      ['one_off', 1, '-1000', '-1000'],
    ]);
  });

  it('finalize: numbered from the series, due after the payment terms, then immutable in status', async () => {
    const invoice = await draft();
    const open = await send<InvoiceJson>('POST', `/api/v1/invoices/${invoice.id}/finalize`, {}, 200);
    expect(open.status).toBe('open');
    expect(open.number).toMatch(/^INV-2027-\d{4}$/);
    expect(open.dueAt).toBe('2027-04-09T12:00:00.000Z');
    expect(open.amountDue).toBe('5000');
    const again = await send<ErrorJson>('POST', `/api/v1/invoices/${invoice.id}/finalize`, {}, 409);
    expect(again.error.message).toBe('Cannot finalize an invoice that is open.');

    const paid = await send<InvoiceJson>(
      'POST',
      `/api/v1/invoices/${invoice.id}/actions`,
      { action: 'mark_paid', reason: 'Bank transfer received' },
      200,
    );
    expect(paid).toMatchObject({ status: 'paid', amountPaid: '5000', amountDue: '0' });
    const voided = await send<ErrorJson>(
      'POST',
      `/api/v1/invoices/${invoice.id}/actions`,
      { action: 'void', reason: 'Oops' },
      409,
    );
    expect(voided.error.message).toBe('Cannot void an invoice that is paid.');
  });

  it('numbers are unique and gap-free under concurrent finalization', async () => {
    const drafts = await Promise.all(Array.from({ length: 12 }, () => draft()));
    const before = await send<{ data: InvoiceJson[] }>(
      'GET',
      '/api/v1/invoices?status=open&limit=100',
      undefined,
      200,
    );
    const finalized = await Promise.all(
      drafts.map((invoice) => owner.sendJson('POST', `/api/v1/invoices/${invoice.id}/finalize`, {})),
    );
    expect(finalized.map((response) => response.statusCode)).toEqual(drafts.map(() => 200));
    const all = await send<{ data: InvoiceJson[] }>('GET', '/api/v1/invoices?limit=100', undefined, 200);
    const numbers = all.data
      .map((invoice) => invoice.number)
      .filter((number): number is string => number !== null)
      .map((number) => Number(number.slice(-4)))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, index) => index + 1));
    expect(numbers.length).toBeGreaterThanOrEqual(before.data.length + 12);
  });

  it('filters by status, customer and amount, and pages by cursor', async () => {
    const big = await draft([{ description: 'Big job', quantity: 1, unitAmount: 900_000 }]);
    const found = await send<{ data: InvoiceJson[] }>(
      'GET',
      `/api/v1/invoices?status=draft&customerId=${customerId}&minTotal=100000`,
      undefined,
      200,
    );
    expect(found.data.map((invoice) => invoice.id)).toEqual([big.id]);
    const first = await send<{ data: InvoiceJson[]; nextCursor: string | null }>(
      'GET',
      '/api/v1/invoices?limit=3',
      undefined,
      200,
    );
    expect(first.data).toHaveLength(3);
    const second = await send<{ data: InvoiceJson[] }>(
      'GET',
      `/api/v1/invoices?limit=3&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
      undefined,
      200,
    );
    expect(second.data.some((invoice) => first.data.some((seen) => seen.id === invoice.id))).toBe(false);
  });

  it('refuses bad input with the field at fault, and writes nothing', async () => {
    const before = await send<{ data: InvoiceJson[] }>('GET', '/api/v1/invoices?limit=100', undefined, 200);
    const cases: [unknown, Record<string, string>][] = [
      [{ customerId, lines: [] }, { lines: 'needs at least one line' }],
      [
        { customerId, lines: [{ description: 'x', unitAmount: 0 }] },
        { 'lines.0.unitAmount': 'must not be 0' },
      ],
      [{ customerId, lines: [{ description: '', unitAmount: 5 }] }, { 'lines.0.description': 'is required' }],
      [
        { customerId: 'nobody', lines: [{ description: 'x', unitAmount: 5 }] },
        { customerId: 'is not a customer' },
      ],
      [
        { customerId, lines: [{ description: 'x', unitAmount: 5 }], paymentTermsDays: 400 },
        { paymentTermsDays: 'must be at most 365' },
      ],
    ];
    for (const [body, fields] of cases) {
      const refused = await send<ErrorJson>('POST', '/api/v1/invoices', body, 422);
      expect(refused.error.fields).toEqual(fields);
    }
    const after = await send<{ data: InvoiceJson[] }>('GET', '/api/v1/invoices?limit=100', undefined, 200);
    expect(after.data).toHaveLength(before.data.length);
  });

  it('voids an open invoice and writes off another; the numbers stay used', async () => {
    const first = await draft();
    const second = await draft();
    for (const invoice of [first, second])
      await send('POST', `/api/v1/invoices/${invoice.id}/finalize`, {}, 200);
    const voided = await send<InvoiceJson>(
      'POST',
      `/api/v1/invoices/${first.id}/actions`,
      { action: 'void', reason: 'Issued by mistake' },
      200,
    );
    expect(voided.status).toBe('void');
    expect(voided.number).not.toBeNull();
    const written = await send<InvoiceJson>(
      'POST',
      `/api/v1/invoices/${second.id}/actions`,
      { action: 'mark_uncollectible', reason: 'Customer vanished' },
      200,
    );
    expect(written.allowedActions.sort()).toEqual(['mark_paid', 'void']);
  });
});

describe('credit notes', () => {
  interface NoteJson {
    number: string;
    amount: string;
    outcome: string;
  }
  const finalized = async (unitAmount = 5000) => {
    const invoice = await draft([{ description: 'Consulting', quantity: 1, unitAmount }]);
    return send<InvoiceJson>('POST', `/api/v1/invoices/${invoice.id}/finalize`, {}, 200);
  };
  const credit = (id: string, body: unknown, status = 201) =>
    send<NoteJson & ErrorJson>('POST', `/api/v1/invoices/${id}/credit-notes`, body, status);
  const read = (id: string) => send<InvoiceJson>('GET', `/api/v1/invoices/${id}`, undefined, 200);

  it('before payment lowers what is due; crediting the rest settles the invoice', async () => {
    const invoice = await finalized();
    const note = await credit(invoice.id, {
      amount: 2000,
      reason: 'order_change',
      outcome: 'customer_balance',
    });
    expect(note.number).toMatch(/^CN-2027-\d{6}$/);
    expect(await read(invoice.id)).toMatchObject({ status: 'open', amountDue: '3000', amountPaid: '0' });
    await credit(invoice.id, { amount: 3000, reason: 'order_change', outcome: 'customer_balance' });
    expect(await read(invoice.id)).toMatchObject({ status: 'paid', amountDue: '0' });
  });

  it('after payment gives the money back: amount_due stays 0 and amount_paid gives up the refund', async () => {
    const invoice = await finalized();
    await send(
      'POST',
      `/api/v1/invoices/${invoice.id}/actions`,
      { action: 'mark_paid', reason: 'Paid by card' },
      200,
    );
    await credit(invoice.id, { amount: 1500, reason: 'product_unsatisfactory', outcome: 'refund' });
    const after = await read(invoice.id);
    expect(after).toMatchObject({ status: 'paid', amountPaid: '3500', amountDue: '0' });
    const notes = await send<{ data: NoteJson[] }>(
      'GET',
      `/api/v1/invoices/${invoice.id}/credit-notes`,
      undefined,
      200,
    );
    expect(notes.data.map((note) => [note.amount, note.outcome])).toEqual([['1500', 'refund']]);
  });

  it('refuses more than is left, drafts, and unclear requests — and changes nothing', async () => {
    const invoice = await finalized();
    await credit(invoice.id, { amount: 4000, reason: 'other', outcome: 'customer_balance' });
    const above = await credit(
      invoice.id,
      { amount: 1001, reason: 'other', outcome: 'customer_balance' },
      422,
    );
    expect(above.error.fields).toEqual({
      amount: 'must be at most 10.00 EUR, what is left to credit on this invoice',
    });
    const both = await credit(
      invoice.id,
      { amount: 10, lines: [{ invoiceLineId: '1', amount: 10 }], reason: 'other', outcome: 'refund' },
      422,
    );
    expect(both.error.fields).toEqual({ amount: 'give either an amount or lines, not both' });
    const refundUnpaid = await credit(invoice.id, { amount: 1000, reason: 'other', outcome: 'refund' }, 201);
    expect(refundUnpaid.amount).toBe('1000'); // before payment nothing is refunded: it only lowers what is due
    const unfinished = await draft();
    const refused = await credit(unfinished.id, { amount: 10, reason: 'other', outcome: 'refund' }, 409);
    expect(refused.error.message).toBe('Only an open or paid invoice can be credited; this one is draft.');
    expect(await read(unfinished.id)).toMatchObject({ status: 'draft', amountDue: unfinished.amountDue });
  });
});
