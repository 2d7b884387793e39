import type { creditNoteLines, creditNotes, invoiceLines, invoices } from './schema.js';

export type Invoice = typeof invoices.$inferSelect;
export type InvoiceLine = typeof invoiceLines.$inferSelect;
export type CreditNote = typeof creditNotes.$inferSelect;
export type CreditNoteLine = typeof creditNoteLines.$inferSelect;
export type InvoiceStatus = Invoice['status'];
export type InvoiceLineKind = InvoiceLine['kind'];
export type CreditNoteReason = CreditNote['reason'];
export type CreditNoteOutcome = CreditNote['outcome'];

export interface InvoiceWithLines extends Invoice {
  lines: InvoiceLine[];
}

/** What a credit note shows of the invoice it credits (always a finalized one, so numbered). */
export interface CreditedInvoice {
  id: string;
  number: string;
  customerId: string;
  currency: string;
}

/** A credit note in a list: the note and who it is for, through its invoice. */
export interface ListedCreditNote extends CreditNote {
  invoice: CreditedInvoice;
}

/** A credit note's line with the invoice line it takes back (null for a lump sum). */
export interface CreditNoteLineDetail extends CreditNoteLine {
  invoiceLine: Pick<InvoiceLine, 'kind' | 'periodStart' | 'periodEnd'> | null;
}

/** A credit note with its lines, and its invoice's frozen customer details for printing. */
export interface CreditNoteWithLines extends CreditNote {
  invoice: CreditedInvoice & Pick<Invoice, 'billingSnapshot'>;
  lines: CreditNoteLineDetail[];
}
