import type { Config } from '../lib/config.js';
import type { InvoiceDocument } from '../modules/documents/index.js';
import type {
  CreditNoteLineDetail,
  CreditNoteOutcome,
  CreditNoteReason,
  CreditNoteWithLines,
} from '../modules/invoicing/index.js';
import { documentBuyer, documentSeller, periodLabel, type BillingSnapshot } from './invoice-document.js';

/** How each reason reads to people, on the printed credit note and in the admin. */
export const creditNoteReasonLabels: Record<CreditNoteReason, string> = {
  duplicate: 'Duplicate charge',
  fraudulent: 'Fraudulent charge',
  order_change: 'Order change',
  product_unsatisfactory: 'Product unsatisfactory',
  other: 'Other',
};

export const creditNoteOutcomeLabels: Record<CreditNoteOutcome, string> = {
  refund: 'Refund',
  customer_balance: 'Customer balance',
};

// A credit first lowers what is still due on the invoice; only what was already paid moves on.
const outcomeNotes: Record<CreditNoteOutcome, (invoiceNumber: string) => string> = {
  refund: (number) =>
    `This credit is applied to invoice ${number}; any part of it already paid is refunded to you.`,
  customer_balance: (number) =>
    `This credit is applied to invoice ${number}; any part of it already paid is added to your account balance.`,
};

const isTaxLine = (line: CreditNoteLineDetail) => line.invoiceLine?.kind === 'tax';
const sum = (lines: CreditNoteLineDetail[]) => lines.reduce((total, line) => total + line.amount, 0n);

/**
 * Maps a credit note to what the PDF renderer prints, to the customer the credited invoice was
 * made out to. A credited tax line shows as the tax total, as on the invoice; a lump sum has no
 * tax part of its own, so it prints as the total credit alone.
 */
export function toCreditNoteDocument(
  note: CreditNoteWithLines,
  customer: BillingSnapshot,
  seller: Config['business'],
): InvoiceDocument {
  const taxLines = note.lines.filter(isTaxLine);
  const creditedLines = note.lines.filter((line) => !isTaxLine(line));
  return {
    kind: 'credit_note',
    number: note.number,
    statusLabel: 'Issued',
    issuedAt: note.createdAt,
    dueAt: null,
    locale: customer.locale,
    timeZone: customer.timeZone,
    currency: note.currency,
    seller: documentSeller(seller),
    buyer: documentBuyer(customer),
    lines: creditedLines.map((line) => {
      const credited = line.invoiceLine;
      const detail = credited && periodLabel(credited.periodStart, credited.periodEnd, customer);
      return {
        description: line.description,
        ...(detail ? { detail } : {}),
        quantity: 1,
        unitAmount: line.amount,
        amount: line.amount,
      };
    }),
    totals: {
      subtotal: sum(creditedLines),
      discountTotal: 0n,
      taxTotal: sum(taxLines),
      taxLabel: taxLines[0]?.description ?? 'Tax',
      taxInclusive: false,
      total: note.amount,
      amountPaid: 0n,
      amountFromBalance: 0n,
      amountCredited: 0n,
      amountDue: 0n,
    },
    notes: [outcomeNotes[note.outcome](note.invoice.number)],
    forInvoice: note.invoice.number,
    // The memo says what the reason was in this case, so it is printed with it.
    reason: [creditNoteReasonLabels[note.reason], note.memo].filter(Boolean).join('\n'),
  };
}
