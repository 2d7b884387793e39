import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, trialBalance, verifyLedger } from '../../src/modules/ledger/index.js';
import { signIn, type BrowserClient } from '../support/browser-client.js';
import { startCreditNoteWorld, type CreditNoteWorld } from '../support/credit-note-world.js';
import type { TestApp } from '../support/test-app.js';

/**
 * A customer's money balance through the API, and invoicing's money in the ledger: every flow
 * leaves the books whole (verifyLedger) and every currency's trial balance at zero.
 */

let t: TestApp;
let owner: BrowserClient;
let send: CreditNoteWorld['send'];
let finalizedInvoice: CreditNoteWorld['finalizedInvoice'];
let annaId = '';
let bobId = '';

interface InvoiceJson {
  id: string;
  number: string;
  status: string;
  amountDue: string;
  amountPaid: string;
  amountFromBalance: string;
}
interface LineJson {
  kind: string;
  description: string;
  currency: string;
  amount: string;
}
interface HistoryJson {
  data: LineJson[];
  nextCursor: string | null;
}
interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}

const get = <T>(url: string, status = 200) => send<T>('GET', url, undefined, status);
const invoice = (id: string) => get<InvoiceJson>(`/api/v1/invoices/${id}`);
const balances = async (customerId: string) =>
  (await get<{ data: { currency: string; balance: string }[] }>(`/api/v1/customers/${customerId}/balance`))
    .data;
const action = (id: string, name: string) =>
  send('POST', `/api/v1/invoices/${id}/actions`, { action: name, reason: 'test' }, 200);
const credit = (id: string, amount: number, outcome: string) =>
  send('POST', `/api/v1/invoices/${id}/credit-notes`, { amount, reason: 'other', outcome }, 201);
const operator = (purpose: string, currency: string) =>
  balanceOf(t.database.db, `operator:${purpose}:${currency}`);

/** The books are whole and every unit nets to zero. */
async function expectBooksWhole() {
  expect((await verifyLedger(t.database.db)).differences).toEqual([]);
  for (const unit of await trialBalance(t.database.db)) expect(unit.total, unit.unit).toBe(0n);
}

beforeAll(async () => {
  ({ t, owner, send, finalizedInvoice, annaId, bobId } = await startCreditNoteWorld());
});
afterAll(async () => t.close());

describe('invoicing in the ledger', () => {
  it('books a finalized invoice as receivables against revenue and tax payable', async () => {
    // 297.50 EUR = 250.00 + 47.50 VAT.
    expect(await operator('receivables', 'EUR')).toBe(-29_750n);
    expect(await operator('revenue', 'EUR')).toBe(25_000n);
    expect(await operator('tax_payable', 'EUR')).toBe(4_750n);
    await expectBooksWhole();
  });

  it('keeps receivables equal to what open invoices owe through pay, void, write-off and credit', async () => {
    const paid = await finalizedInvoice(annaId, [{ description: 'A', quantity: 1, unitAmount: 1000 }]);
    const voided = await finalizedInvoice(annaId, [{ description: 'B', quantity: 1, unitAmount: 2000 }]);
    const lost = await finalizedInvoice(annaId, [{ description: 'C', quantity: 1, unitAmount: 3000 }]);
    const found = await finalizedInvoice(annaId, [{ description: 'D', quantity: 1, unitAmount: 4000 }]);
    await action(paid.id, 'mark_paid');
    await credit(voided.id, 500, 'refund');
    await action(voided.id, 'void');
    await action(lost.id, 'mark_uncollectible');
    await action(found.id, 'mark_uncollectible');
    await action(found.id, 'mark_paid');
    // Only Anna's first invoice is still owed; the written-off one sits in bad debt.
    expect(await operator('receivables', 'EUR')).toBe(-29_750n);
    expect(await operator('bad_debt', 'EUR')).toBe(-3_570n);
    // Paid by hand: 11.90 and 47.60.
    expect(await operator('clearing_manual', 'EUR')).toBe(-5_950n);
    // Voided and credited in full: its revenue and tax are all taken back (23.80 = 20.00 + 3.80).
    expect(await operator('revenue', 'EUR')).toBe(25_000n + 1_000n + 3_000n + 4_000n);
    expect(await operator('tax_payable', 'EUR')).toBe(4_750n + 190n + 570n + 760n);
    await expectBooksWhole();
  });

  it('credits the part after payment to the balance, which pays the next invoice at finalization', async () => {
    const first = await finalizedInvoice(bobId, [{ description: 'Hosting', quantity: 1, unitAmount: 8000 }]);
    await action(first.id, 'mark_paid');
    await credit(first.id, 3000, 'customer_balance');
    expect(await balances(bobId)).toEqual([{ currency: 'USD', balance: '3000' }]);

    const partly = await finalizedInvoice(bobId, [{ description: 'Hosting', quantity: 1, unitAmount: 5000 }]);
    expect(await invoice(partly.id)).toMatchObject({
      status: 'open',
      amountFromBalance: '3000',
      amountPaid: '3000',
      amountDue: '2000',
    });
    expect(await balances(bobId)).toEqual([{ currency: 'USD', balance: '0' }]);

    await credit(partly.id, 5000, 'customer_balance'); // 20.00 still due, 30.00 back to the balance
    const whole = await finalizedInvoice(bobId, [{ description: 'Domain', quantity: 1, unitAmount: 1200 }]);
    expect(await invoice(whole.id)).toMatchObject({
      status: 'paid',
      amountFromBalance: '1200',
      amountDue: '0',
    });
    expect(await balances(bobId)).toEqual([{ currency: 'USD', balance: '1800' }]);

    const history = await get<HistoryJson>(`/api/v1/customers/${bobId}/balance/history`);
    expect(history.data.map((line) => [line.kind, line.amount])).toEqual([
      ['invoice.balance_applied', '-1200'],
      ['credit_note.issued', '3000'],
      ['invoice.balance_applied', '-3000'],
      ['credit_note.issued', '3000'],
    ]);
    expect(history.data[0]!.description).toBe(`Applied to invoice ${whole.number}`);
    await expectBooksWhole();
  });
});

describe('the balance API', () => {
  const adjust = (body: Record<string, unknown>, status: number) =>
    send<ErrorJson & { balance: string; amount: string }>(
      'POST',
      `/api/v1/customers/${annaId}/balance/adjustments`,
      body,
      status,
    );

  it('credits and debits by hand with a reason, audited; money in, strings of minor units out', async () => {
    const credited = await adjust(
      { currency: 'EUR', amount: '12.50', direction: 'credit', reason: 'Goodwill for the outage' },
      201,
    );
    expect(credited).toMatchObject({ currency: 'EUR', amount: '1250', balance: '1250' });
    const debited = await adjust(
      { currency: 'EUR', amount: '2.5', direction: 'debit', reason: 'Correction' },
      201,
    );
    expect(debited).toMatchObject({ amount: '250', balance: '1000' });
    expect(await operator('balance_adjustments', 'EUR')).toBe(-1_000n);
    const audit = await get<{ data: { action: string; after: { reason: string } }[] }>(
      `/api/v1/audit-events?entityId=${annaId}`,
    );
    expect(audit.data.slice(0, 2).map((event) => [event.action, event.after.reason])).toEqual([
      ['customer.balance_debited', 'Correction'],
      ['customer.balance_credited', 'Goodwill for the outage'],
    ]);
    await expectBooksWhole();
  });

  it('refuses an adjustment without a reason, or with a bad amount, and changes nothing', async () => {
    const before = await get<HistoryJson>(`/api/v1/customers/${annaId}/balance/history`);
    const noReason = await adjust({ currency: 'EUR', amount: '5', direction: 'credit', reason: '  ' }, 422);
    expect(noReason.error.fields).toEqual({ reason: 'is required: say why, for the audit log' });
    const badAmount = await adjust(
      { currency: 'EUR', amount: '5.001', direction: 'credit', reason: 'x' },
      422,
    );
    expect(badAmount.error.fields).toEqual({ amount: 'must be a number with at most 2 decimals' });
    const zero = await adjust({ currency: 'EUR', amount: '0', direction: 'credit', reason: 'x' }, 422);
    expect(zero.error.fields).toEqual({ amount: 'must be more than 0' });
    const badCurrency = await adjust(
      { currency: 'EURO', amount: '1', direction: 'credit', reason: 'x' },
      422,
    );
    expect(badCurrency.error.fields).toEqual({ currency: 'must be an ISO 4217 code such as USD or EUR' });
    expect(await get<HistoryJson>(`/api/v1/customers/${annaId}/balance/history`)).toEqual(before);
    expect(await balances(annaId)).toEqual([{ currency: 'EUR', balance: '1000' }]);
  });

  it('refuses a debit below zero, naming what the balance holds', async () => {
    const refused = await adjust(
      { currency: 'EUR', amount: '10.01', direction: 'debit', reason: 'Too much' },
      409,
    );
    expect(refused.error.code).toBe('insufficient_balance');
    expect(refused.error.fields).toEqual({ amount: 'must be at most 10.00 EUR, what the balance holds' });
    expect(await balances(annaId)).toEqual([{ currency: 'EUR', balance: '1000' }]);
  });

  it('refunds the balance to the customer onto the refunds account', async () => {
    const before = await operator('refunds', 'EUR');
    const refunded = await send<{ balance: string }>(
      'POST',
      `/api/v1/customers/${annaId}/balance/refunds`,
      { currency: 'EUR', amount: '4.00', reason: 'Paid back by bank transfer' },
      201,
    );
    expect(refunded.balance).toBe('600');
    expect((await operator('refunds', 'EUR')) - before).toBe(400n);
    const tooMuch = await send<ErrorJson>(
      'POST',
      `/api/v1/customers/${annaId}/balance/refunds`,
      { currency: 'EUR', amount: '6.01', reason: 'x' },
      409,
    );
    expect(tooMuch.error.code).toBe('insufficient_balance');
    await expectBooksWhole();
  });

  it('pages the history by cursor with filters, and exports it as CSV', async () => {
    const first = await get<HistoryJson>(`/api/v1/customers/${annaId}/balance/history?limit=2`);
    expect(first.data.map((line) => line.kind)).toEqual(['balance.refund', 'balance.adjustment']);
    const second = await get<HistoryJson>(
      `/api/v1/customers/${annaId}/balance/history?limit=2&cursor=${first.nextCursor}`,
    );
    expect(second.data.map((line) => line.amount)).toEqual(['1250']);
    expect(second.nextCursor).toBeNull();
    const refunds = await get<HistoryJson>(`/api/v1/customers/${annaId}/balance/history?kind=balance.refund`);
    expect(refunds.data.map((line) => line.amount)).toEqual(['-400']);
    const none = await get<HistoryJson>(`/api/v1/customers/${annaId}/balance/history?currency=USD`);
    expect(none.data).toEqual([]);
    const mixed = await send<ErrorJson>(
      'GET',
      `/api/v1/customers/${annaId}/balance/history?kind=balance.refund&cursor=${first.nextCursor}`,
      undefined,
      422,
    );
    expect(Object.keys(mixed.error.fields ?? {})).toEqual(['cursor']);
    const csv = await owner.get(`/api/v1/customers/${annaId}/balance/history/export.csv`);
    expect(csv.statusCode).toBe(200);
    const rows = csv.body.trim().split('\r\n');
    expect(rows[0]).toBe('occurred_at,currency,amount,kind,description,entry_id');
    expect(rows.slice(1).map((row) => row.split(',').slice(1, 4))).toEqual([
      ['EUR', '-4.00', 'balance.refund'],
      ['EUR', '-2.50', 'balance.adjustment'],
      ['EUR', '12.50', 'balance.adjustment'],
    ]);
  });

  it('answers 404 for an unknown customer, and lets a viewer read but not adjust or refund', async () => {
    await send('GET', '/api/v1/customers/00000000-0000-4000-8000-000000000000/balance', undefined, 404);
    await send(
      'POST',
      '/api/v1/staff-users',
      { email: 'val@example.com', name: 'Val Viewer', role: 'viewer', password: 'viewer long password' },
      201,
    );
    const viewer = await signIn(t.app, 'val@example.com', 'viewer long password');
    expect((await viewer.getJson(`/api/v1/customers/${annaId}/balance`)).statusCode).toBe(200);
    expect((await viewer.getJson(`/api/v1/customers/${annaId}/balance/history`)).statusCode).toBe(200);
    const body = { currency: 'EUR', amount: '1', direction: 'credit', reason: 'x' };
    const adjustment = await viewer.sendJson('POST', `/api/v1/customers/${annaId}/balance/adjustments`, body);
    expect(adjustment.statusCode).toBe(403);
    const refund = await viewer.sendJson('POST', `/api/v1/customers/${annaId}/balance/refunds`, body);
    expect(refund.statusCode).toBe(403);
    expect(await balances(annaId)).toEqual([{ currency: 'EUR', balance: '600' }]);
  });
});
