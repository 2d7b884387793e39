/**
 * Everything a printed invoice or credit note shows, already decided: the invoicing module maps
 * its rows to this and the renderer only lays it out. Amounts are bigint minor units of
 * `currency`; deductions (discount, paid, credited) are given as positive amounts.
 */
export interface InvoiceDocument {
  kind: 'invoice' | 'credit_note';
  number: string;
  /** Shown as is, e.g. "Paid", "Open", "Void". */
  statusLabel: string;
  issuedAt: Date;
  dueAt: Date | null;
  /** The service period, printed as a date range only when both ends are given. */
  periodStart?: Date;
  /** Printed as given: pass the last day included when the stored end is exclusive. */
  periodEnd?: Date;
  /** BCP 47 tag for numbers, money and dates, e.g. "de-DE". */
  locale: string;
  /** IANA zone the dates are shown in, e.g. "Europe/Berlin". */
  timeZone: string;
  currency: string;
  seller: DocumentSeller;
  buyer: DocumentBuyer;
  lines: DocumentLine[];
  totals: DocumentTotals;
  /** Paragraphs printed under the totals: reverse-charge sentence, payment terms … */
  notes: string[];
  /** A credit note's original invoice number. */
  forInvoice?: string;
  /** Why a credit note was issued. */
  reason?: string;
}

export interface DocumentSeller {
  name: string;
  addressLines: string[];
  taxId: string | null;
  email: string | null;
  logoPng: Buffer | null;
}

export interface DocumentBuyer {
  name: string;
  email: string;
  addressLines: string[];
  taxId: string | null;
}

export interface DocumentLine {
  description: string;
  /** A second, smaller line such as the service period. */
  detail?: string;
  quantity: number;
  unitAmount: bigint;
  amount: bigint;
}

export interface DocumentTotals {
  subtotal: bigint;
  discountTotal: bigint;
  taxTotal: bigint;
  /** e.g. "VAT 19 %". */
  taxLabel: string;
  /** True when line amounts already include the tax (shown as "incl. …" under the total). */
  taxInclusive: boolean;
  total: bigint;
  amountPaid: bigint;
  /** The part of amountPaid the customer's balance paid. */
  amountFromBalance: bigint;
  amountCredited: bigint;
  amountDue: bigint;
}
