export type { InvoicingContext } from './context.js';
export type {
  Invoice,
  InvoiceLine,
  InvoiceStatus,
  InvoiceLineKind,
  InvoiceWithLines,
  CreditNote,
  CreditNoteReason,
  CreditNoteOutcome,
  CreditedInvoice,
  ListedCreditNote,
  CreditNoteLineDetail,
  CreditNoteWithLines,
} from './invoice-types.js';
export { allowedInvoiceActions, type InvoiceAction } from './invoice-states.js';
export { invoiceTotals, type InvoiceTotals } from './invoice-totals.js';
export { createInvoice, type CreateInvoiceInput } from './create-invoice.js';
export { finalizeInvoice } from './finalize-invoice.js';
export { applyInvoiceAction, type InvoiceActionInput } from './invoice-actions.js';
export { getInvoice } from './find-invoice.js';
export { hasPaidInvoice } from './has-paid-invoice.js';
export { listInvoices, type ListInvoicesInput } from './list-invoices.js';
export { invoiceDueWork } from './bill-run.js';
export { billingSnapshotOf } from './billing-snapshot.js';
export {
  createCreditNote,
  creditableAmount,
  creditNoteReasons,
  creditNoteOutcomes,
  type CreditNoteInput,
} from './create-credit-note.js';
export { listCreditNotes, creditNotesOfInvoice, type ListCreditNotesInput } from './list-credit-notes.js';
export { getCreditNote } from './find-credit-note.js';
export type { InvoiceSettlementListener } from './settlement-listeners.js';
