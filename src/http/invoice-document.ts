import { z } from 'zod';
import type { Config } from '../lib/config.js';
import type { DbOrTx } from '../lib/db/database.js';
import { getCustomer } from '../modules/customers/index.js';
import type {
  DocumentBuyer,
  DocumentLine,
  DocumentSeller,
  InvoiceDocument,
} from '../modules/documents/index.js';
import {
  billingSnapshotOf,
  type Invoice,
  type InvoiceLine,
  type InvoiceStatus,
  type InvoiceWithLines,
} from '../modules/invoicing/index.js';

/** How each status reads to people, on the printed invoice and in the admin. */
export const invoiceStatusLabels: Record<InvoiceStatus, string> = {
  draft: 'Draft',
  open: 'Open',
  paid: 'Paid',
  void: 'Void',
  uncollectible: 'Uncollectible',
};

/** The customer as printed: frozen at finalization (the invoicing module's billing snapshot). */
const billingSnapshot = z.object({
  name: z.string(),
  email: z.string(),
  addressLines: z.array(z.string()),
  taxId: z.string().nullable(),
  locale: z.string(),
  timeZone: z.string(),
});
export type BillingSnapshot = z.infer<typeof billingSnapshot>;

/**
 * Who the invoice is to: the snapshot taken when it was finalized, or — for a draft, which has
 * none yet — the customer as they are now, so a draft previews what finalizing would print.
 */
export async function billedCustomerOf(
  db: DbOrTx,
  invoice: Pick<Invoice, 'billingSnapshot' | 'customerId'>,
): Promise<BillingSnapshot> {
  const snapshot = invoice.billingSnapshot ?? billingSnapshotOf(await getCustomer(db, invoice.customerId));
  return billingSnapshot.parse(JSON.parse(snapshot));
}

// Tax lines are shown as the tax total and discounts as the discount total, not as lines.
const linesShownAsTotals: readonly InvoiceLine['kind'][] = ['tax', 'discount'];

/** The end of a stored period is exclusive (the next period's start); a printed range shows the last day included. */
export function lastIncludedMoment(exclusiveEnd: Date): Date {
  return new Date(exclusiveEnd.getTime() - 1);
}

/** "1 Nov 2026 – 30 Nov 2026" in the customer's locale and zone, or undefined without a period. */
export function periodLabel(
  start: Date | null,
  end: Date | null,
  customer: Pick<BillingSnapshot, 'locale' | 'timeZone'>,
): string | undefined {
  if (!start || !end) return undefined;
  const format = new Intl.DateTimeFormat(customer.locale, {
    dateStyle: 'medium',
    timeZone: customer.timeZone,
  });
  return format.formatRange(start, lastIncludedMoment(end));
}

/** The seller as printed: only what a document shows, so nothing else changes its cache key. */
export function documentSeller(seller: Config['business']): DocumentSeller {
  return {
    name: seller.name,
    addressLines: seller.addressLines,
    taxId: seller.taxId,
    email: seller.email,
    logoPng: seller.logoPng,
  };
}

/** The billed customer as printed. */
export function documentBuyer(customer: BillingSnapshot): DocumentBuyer {
  return {
    name: customer.name,
    email: customer.email,
    addressLines: customer.addressLines,
    taxId: customer.taxId,
  };
}

/** Maps an invoice with its lines and billed customer to what the PDF renderer prints. */
export function toInvoiceDocument(
  invoice: InvoiceWithLines,
  customer: BillingSnapshot,
  seller: Config['business'],
): InvoiceDocument {
  const taxLine = invoice.lines.find((line) => line.kind === 'tax');
  const lines: DocumentLine[] = invoice.lines
    .filter((line) => !linesShownAsTotals.includes(line.kind))
    .map((line) => {
      const detail = periodLabel(line.periodStart, line.periodEnd, customer);
      return {
        description: line.description,
        ...(detail ? { detail } : {}),
        quantity: line.quantity,
        unitAmount: line.unitAmount,
        amount: line.amount,
      };
    });
  const notes = [
    invoice.memo,
    invoice.paymentTermsDays > 0
      ? `Please pay within ${invoice.paymentTermsDays} days of the invoice date.`
      : 'Payable on receipt.',
  ].filter(Boolean);
  return {
    kind: 'invoice',
    number: invoice.number ?? 'Draft',
    statusLabel: invoiceStatusLabels[invoice.status],
    issuedAt: invoice.finalizedAt ?? invoice.createdAt,
    dueAt: invoice.dueAt,
    ...(invoice.periodStart && invoice.periodEnd
      ? { periodStart: invoice.periodStart, periodEnd: lastIncludedMoment(invoice.periodEnd) }
      : {}),
    locale: customer.locale,
    timeZone: customer.timeZone,
    currency: invoice.currency,
    seller: documentSeller(seller),
    buyer: documentBuyer(customer),
    lines,
    totals: {
      subtotal: invoice.subtotal,
      discountTotal: invoice.discountTotal,
      taxTotal: invoice.taxTotal,
      taxLabel: taxLine?.description ?? 'Tax',
      // Tax without a tax line is inclusive tax: already inside the line amounts.
      taxInclusive: invoice.taxTotal !== 0n && !taxLine,
      total: invoice.total,
      amountPaid: invoice.amountPaid,
      amountFromBalance: invoice.amountFromBalance,
      amountCredited: invoice.amountCredited,
      amountDue: invoice.amountDue,
    },
    notes,
  };
}

/** The download's file name: the invoice number, or draft-<id> before it has one. */
export function invoiceFileName(invoice: { id: string; number: string | null }, extension: string): string {
  return `${invoice.number ?? `draft-${invoice.id}`}.${extension}`;
}
