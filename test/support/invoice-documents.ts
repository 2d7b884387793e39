import type { DocumentLine, InvoiceDocument } from '../../src/modules/documents/index.js';

/** A realistic German invoice to a customer whose name and address need more than Latin-1. */
export function sampleInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    kind: 'invoice',
    number: 'INV-2026-000123',
    statusLabel: 'Open',
    issuedAt: new Date('2026-11-01T09:30:00Z'),
    dueAt: new Date('2026-11-15T09:30:00Z'),
    periodStart: new Date('2026-10-31T23:00:00Z'),
    periodEnd: new Date('2026-11-30T23:00:00Z'),
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
    seller: {
      name: 'Tollgate Hosting GmbH',
      addressLines: ['Musterstraße 12', '10115 Berlin', 'Germany'],
      taxId: 'DE123456789',
      email: 'billing@tollgate.example',
      logoPng: null,
    },
    buyer: {
      name: 'Zoë Ångström',
      email: 'zoe@example.se',
      addressLines: ['c/o Łukasz Nowak, Ελένη Παππά', 'Дмитрий-gatan 5', '111 22 Stockholm', 'Sweden'],
      taxId: 'SE556677889901',
    },
    lines: [
      {
        description: 'Pro plan (monthly)',
        detail: 'Nov 1 – Nov 30, 2026',
        quantity: 1,
        unitAmount: 8000n,
        amount: 8000n,
      },
      {
        description: 'Extra seats',
        detail: 'Nov 1 – Nov 30, 2026',
        quantity: 2,
        unitAmount: 1000n,
        amount: 2000n,
      },
      { description: 'Priority support', quantity: 1, unitAmount: 1000n, amount: 1000n },
    ],
    totals: {
      subtotal: 11000n,
      discountTotal: 1000n,
      taxTotal: 1900n,
      taxLabel: 'VAT 19 %',
      taxInclusive: false,
      total: 11900n,
      amountPaid: 0n,
      amountFromBalance: 0n,
      amountCredited: 0n,
      amountDue: 11900n,
    },
    notes: ['Please pay within 14 days of the invoice date.'],
    ...overrides,
  };
}

/** An invoice with `count` plain usage lines, long enough to flow over several pages. */
export function longInvoice(count: number): InvoiceDocument {
  const lines: DocumentLine[] = Array.from({ length: count }, (_, index) => ({
    description: `API calls, region ${index + 1}`,
    quantity: 1000,
    unitAmount: 1n,
    amount: 1000n,
  }));
  const subtotal = BigInt(count) * 1000n;
  const tax = (subtotal * 19n) / 100n;
  return sampleInvoice({
    number: 'INV-2026-000124',
    lines,
    totals: {
      subtotal,
      discountTotal: 0n,
      taxTotal: tax,
      taxLabel: 'VAT 19 %',
      taxInclusive: false,
      total: subtotal + tax,
      amountPaid: 0n,
      amountFromBalance: 0n,
      amountCredited: 0n,
      amountDue: subtotal + tax,
    },
  });
}

export function sampleCreditNote(): InvoiceDocument {
  return sampleInvoice({
    kind: 'credit_note',
    number: 'CN-2026-000007',
    statusLabel: 'Issued',
    dueAt: null,
    forInvoice: 'INV-2026-000123',
    reason: 'Service outage on 12 November; two days credited.',
    lines: [{ description: 'Pro plan (monthly), 2 days', quantity: 1, unitAmount: 533n, amount: 533n }],
    totals: {
      subtotal: 533n,
      discountTotal: 0n,
      taxTotal: 101n,
      taxLabel: 'VAT 19 %',
      taxInclusive: false,
      total: 634n,
      amountPaid: 0n,
      amountFromBalance: 0n,
      amountCredited: 0n,
      amountDue: 0n,
    },
    notes: [],
  });
}
