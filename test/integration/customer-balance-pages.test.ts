import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type BrowserClient } from '../support/browser-client.js';
import { fieldErrorText, pageText, toastText } from '../support/page-text.js';
import { hasPdfToText, pdfLayoutText } from '../support/pdf-text.js';
import { startCreditNoteWorld, type CreditNoteWorld } from '../support/credit-note-world.js';
import type { TestApp } from '../support/test-app.js';

/** The balance on the customer page and the balance page: history, filters, paging, CSV, adjust, refund. */

let t: TestApp;
let owner: BrowserClient;
let api: CreditNoteWorld['send'];
let finalizedInvoice: CreditNoteWorld['finalizedInvoice'];
let annaId = '';
let balancePage = '';

const historyRows = (body: string) =>
  [...body.matchAll(/<td data-label="Amount" class="nowrap">([^<]*)</g)].map((m) =>
    pageText(m[1] ?? '').trim(),
  );
const adjustments = async () =>
  Number(
    (
      await t.database.pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM ledger_entries WHERE kind = 'balance.adjustment'",
      )
    ).rows[0]?.n,
  );

beforeAll(async () => {
  ({ t, owner, send: api, annaId, finalizedInvoice } = await startCreditNoteWorld());
  balancePage = `/admin/customers/${annaId}/balance`;
});
afterAll(async () => t.close());

describe('balance pages', () => {
  it('show an empty balance on the customer page and the balance page', async () => {
    const customer = await owner.get(`/admin/customers/${annaId}`);
    expect(pageText(customer.body)).toContain('Balance No balance yet.');
    expect(customer.body).toContain(`href="${balancePage}"`);
    const page = await owner.get(balancePage);
    expect(page.statusCode).toBe(200);
    expect(pageText(page.body)).toContain('No movements yet');
    expect(page.body).toContain(`href="${balancePage}/export.csv"`);
  });

  it('refuse an adjustment without a reason or beyond the balance at the field, and change nothing', async () => {
    const noReason = await owner.submit(balancePage, `${balancePage}/adjustments`, {
      direction: 'credit',
      currency: 'EUR',
      amount: '20',
      reason: '',
    });
    expect(noReason.statusCode).toBe(422);
    expect(fieldErrorText(noReason.body, 'reason')).toBe('is required: say why, for the audit log');
    expect(noReason.body).toMatch(/id="field-amount"[^>]*value="20"/);
    const tooMuch = await owner.submit(balancePage, `${balancePage}/adjustments`, {
      direction: 'debit',
      currency: 'EUR',
      amount: '1',
      reason: 'Oops',
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(fieldErrorText(tooMuch.body, 'amount')).toBe('must be at most 0.00 EUR, what the balance holds');
    expect(await adjustments()).toBe(0);
  });

  it('adjust and refund through the forms, shown in the history and on the customer page', async () => {
    const credited = await owner.submit(balancePage, `${balancePage}/adjustments`, {
      direction: 'credit',
      currency: 'EUR',
      amount: '20',
      reason: 'Goodwill',
    });
    expect(credited.statusCode).toBe(303);
    const after = await owner.get(balancePage);
    expect(toastText(after.body)).toBe('Balance adjusted; it is now €20.00.');
    const refusedRefund = await owner.submit(balancePage, `${balancePage}/refunds`, {
      refundCurrency: 'EUR',
      refundAmount: '25',
      refundReason: 'Bank transfer',
    });
    expect(refusedRefund.statusCode).toBe(409);
    expect(fieldErrorText(refusedRefund.body, 'refundAmount')).toBe(
      'must be at most 20.00 EUR, what the balance holds',
    );
    const refunded = await owner.submit(balancePage, `${balancePage}/refunds`, {
      refundCurrency: 'EUR',
      refundAmount: '5',
      refundReason: 'Bank transfer',
    });
    expect(refunded.statusCode).toBe(303);
    const page = await owner.get(balancePage);
    expect(pageText(page.body)).toContain('EUR 15,00 €');
    expect(historyRows(page.body)).toEqual(['-5,00 €', '20,00 €']);
    expect(pageText(page.body)).toContain('Refunded to the customer Bank transfer');
    expect(pageText((await owner.get(`/admin/customers/${annaId}`)).body)).toContain('Balance EUR 15,00 €');
  });

  it('filter the history by kind and page it, keeping the filters in the links and the CSV link', async () => {
    for (let i = 0; i < 25; i += 1)
      await api(
        'POST',
        `/api/v1/customers/${annaId}/balance/adjustments`,
        { currency: 'EUR', amount: '1', direction: 'credit', reason: `Credit ${i}` },
        201,
      );
    const first = await owner.get(`${balancePage}?kind=balance.adjustment`);
    expect(historyRows(first.body)).toHaveLength(25);
    expect(pageText(first.body)).toContain('1–25 of 26');
    expect(first.body).toContain(`href="${balancePage}?kind=balance.adjustment&amp;page=2"`);
    expect(first.body).toContain(`href="${balancePage}/export.csv?kind=balance.adjustment"`);
    const second = await owner.get(`${balancePage}?kind=balance.adjustment&page=2`);
    expect(historyRows(second.body)).toEqual(['20,00 €']);
    const refunds = await owner.get(`${balancePage}?kind=balance.refund`);
    expect(historyRows(refunds.body)).toEqual(['-5,00 €']);
    const none = await owner.get(`${balancePage}?from=2030-01-01`);
    expect(pageText(none.body)).toContain('Nothing matches');
    const csv = await owner.get(`${balancePage}/export.csv?kind=balance.refund`);
    expect(csv.body.trim().split('\r\n')).toHaveLength(2);
  });

  it('let a viewer read but not adjust or refund', async () => {
    await api(
      'POST',
      '/api/v1/staff-users',
      { email: 'val@example.com', name: 'Val Viewer', role: 'viewer', password: 'viewer long password' },
      201,
    );
    const viewer = await signIn(t.app, 'val@example.com', 'viewer long password');
    const page = await viewer.get(balancePage);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`${balancePage}/adjustments`);
    expect(page.body).not.toContain(`${balancePage}/refunds`);
    const refused = await viewer.submit(balancePage, `${balancePage}/adjustments`, {
      direction: 'credit',
      currency: 'EUR',
      amount: '1',
      reason: 'x',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('show what the balance paid on the invoice page and in its PDF', async () => {
    // The balance holds 40.00 €; an invoice of 11.90 € (10.00 + 19 % VAT) is paid from it in full.
    const invoice = await finalizedInvoice(annaId, [
      { description: 'Extra seat', quantity: 1, unitAmount: 1000 },
    ]);
    const page = await owner.get(`/admin/invoices/${invoice.id}`);
    expect(pageText(page.body)).toMatch(/Total 11,90 € Paid from balance -11,90 € Amount due 0,00 €/);
    const pdf = await owner.get(`/admin/invoices/${invoice.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    if (hasPdfToText) expect(pdfLayoutText(pdf.rawPayload)).toMatch(/Paid from balance\s+-11,90 €/);
    const card = pageText((await owner.get(`/admin/customers/${annaId}`)).body);
    expect(card).toContain('Balance EUR 28,10 €');
  });
});
