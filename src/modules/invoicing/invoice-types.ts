import type { creditNoteLines, creditNotes, invoiceLines, invoices } from './schema.js';

export type Invoice = typeof invoices.$inferSelect;
export type InvoiceLine = typeof invoiceLines.$inferSelect;
export type CreditNote = typeof creditNotes.$inferSelect;
export type CreditNoteLine = typeof creditNoteLines.$inferSelect;
export type InvoiceStatus = Invoice['status'];
export type InvoiceLineKind = InvoiceLine['kind'];

export interface InvoiceWithLines extends Invoice {
  lines: InvoiceLine[];
}
