import { describe, expect, it } from 'vitest';
import { toInvoiceDocument, type BillingSnapshot } from './invoice-document.js';
import type { InvoiceLine, InvoiceWithLines } from '../modules/invoicing/index.js';

/** What a stored invoice prints as: the mapping from rows to the PDF renderer's document. */

const berlin: BillingSnapshot = {
  name: 'Zoë Ångström',
  email: 'zoe@example.de',
  addressLines: ['Musterstraße 1', '10115 Berlin', 'DE'],
  taxId: null,
  locale: 'de-DE',
  timeZone: 'Europe/Berlin',
};
const seller = { name: 'Tollgate', addressLines: [], taxId: null, email: null, logoPng: null };
// November in Berlin: from 1 Nov 00:00 (UTC+1) up to, not including, 1 Dec 00:00.
const periodStart = new Date('2026-10-31T23:00:00Z');
const periodEnd = new Date('2026-11-30T23:00:00Z');

function line(kind: InvoiceLine['kind'], amount: bigint, extra: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    id: 1n,
    invoiceId: 'i',
    kind,
    description: kind,
    quantity: 1,
    unitAmount: amount,
    amount,
    periodStart: null,
    periodEnd: null,
    taxRateId: null,
    couponId: null,
    ...extra,
  };
}

function invoice(lines: InvoiceLine[], change: Partial<InvoiceWithLines> = {}): InvoiceWithLines {
  return {
    id: '6f1c0000-0000-4000-8000-000000000001',
    customerId: 'c',
    subscriptionId: null,
    testClockId: null,
    status: 'open',
    billingReason: 'subscription_cycle',
    series: 'invoice',
    number: 'INV-2026-000007',
    currency: 'EUR',
    periodStart,
    periodEnd,
    subtotal: 10000n,
    discountTotal: 1000n,
    taxTotal: 1710n,
    total: 10710n,
    amountPaid: 0n,
    amountCredited: 0n,
    amountDue: 10710n,
    amountFromBalance: 0n,
    paymentTermsDays: 14,
    memo: '',
    billingSnapshot: JSON.stringify(berlin),
    createdAt: periodStart,
    updatedAt: periodStart,
    finalizedAt: periodStart,
    dueAt: new Date('2026-11-14T23:00:00Z'),
    paidAt: null,
    voidedAt: null,
    lines,
    ...change,
  };
}

describe('invoice document mapping', () => {
  it('prints bought lines with their period, the last day included, and totals with a positive discount', () => {
    const doc = toInvoiceDocument(
      invoice([
        line('subscription_period', 10000n, { description: 'Pro plan', periodStart, periodEnd }),
        line('discount', -1000n, { description: 'WELCOME10' }),
        line('tax', 1710n, { description: 'VAT 19 %' }),
      ]),
      berlin,
      seller,
    );
    expect(doc.lines).toEqual([
      {
        description: 'Pro plan',
        detail: '01.–30.11.2026',
        quantity: 1,
        unitAmount: 10000n,
        amount: 10000n,
      },
    ]);
    expect(doc.periodEnd?.toISOString()).toBe('2026-11-30T22:59:59.999Z');
    expect(doc.totals).toMatchObject({
      subtotal: 10000n,
      discountTotal: 1000n,
      taxTotal: 1710n,
      taxLabel: 'VAT 19 %',
      taxInclusive: false,
      total: 10710n,
    });
    expect(doc).toMatchObject({
      number: 'INV-2026-000007',
      statusLabel: 'Open',
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
      buyer: { name: 'Zoë Ångström', addressLines: berlin.addressLines },
      notes: ['Please pay within 14 days of the invoice date.'],
    });
  });

  it('calls tax without a tax line inclusive, and names a draft as such', () => {
    const doc = toInvoiceDocument(
      invoice([line('one_off', 12000n)], {
        status: 'draft',
        number: null,
        taxTotal: 2000n,
        discountTotal: 0n,
        total: 12000n,
        periodStart: null,
        periodEnd: null,
        memo: 'Thanks!',
        paymentTermsDays: 0,
      }),
      berlin,
      seller,
    );
    expect(doc).toMatchObject({
      number: 'Draft',
      statusLabel: 'Draft',
      notes: ['Thanks!', 'Payable on receipt.'],
    });
    expect(doc.totals).toMatchObject({ taxLabel: 'Tax', taxInclusive: true });
    expect(doc.periodStart).toBeUndefined();
  });
});
