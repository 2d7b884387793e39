import type { FastifyReply } from 'fastify';
import { createPdfCache, type InvoiceDocument } from '../modules/documents/index.js';

// One cache for the whole process: the API and the admin download the same documents.
const pdfCache = createPdfCache({ maxEntries: 64 });

/** Answers with an invoice or credit note as a PDF download named `fileName`. */
export async function sendDocumentPdf(reply: FastifyReply, doc: InvoiceDocument, fileName: string) {
  const pdf = await pdfCache.get(doc);
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(pdf);
}
