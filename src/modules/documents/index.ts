export type {
  InvoiceDocument,
  DocumentSeller,
  DocumentBuyer,
  DocumentLine,
  DocumentTotals,
} from './invoice-document.js';
export { renderInvoicePdf } from './render-invoice-pdf.js';
export { createPdfCache, type PdfCache } from './pdf-cache.js';
