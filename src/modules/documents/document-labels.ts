import type { InvoiceDocument } from './invoice-document.js';

/** The document's printed name: "Invoice" or "Credit note". */
export function documentTitle(doc: InvoiceDocument): string {
  return doc.kind === 'credit_note' ? 'Credit note' : 'Invoice';
}
