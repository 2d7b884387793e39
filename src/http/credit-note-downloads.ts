import type { FastifyReply } from 'fastify';
import { toDecimalString } from '../lib/money.js';
import { findCustomers } from '../modules/customers/index.js';
import { getCreditNote, listCreditNotes, type ListCreditNotesInput } from '../modules/invoicing/index.js';
import { toCreditNoteDocument } from './credit-note-document.js';
import { sendCsv } from './csv-export.js';
import { billedCustomerOf } from './invoice-document.js';
import { sendDocumentPdf } from './pdf-download.js';
import type { AppServices } from './services.js';

/** Answers with the credit note's PDF as a download named after its number. */
export async function sendCreditNotePdf(reply: FastifyReply, services: AppServices, id: string) {
  const note = await getCreditNote(services.db, id);
  const customer = await billedCustomerOf(services.db, note.invoice);
  const doc = toCreditNoteDocument(note, customer, services.config.business);
  return sendDocumentPdf(reply, doc, `${note.number}.pdf`);
}

const csvColumns = [
  'number',
  'invoice_number',
  'customer_name',
  'customer_email',
  'currency',
  'amount',
  'reason',
  'outcome',
  'memo',
  'created_at',
];

/** Streams the credit notes matching the list's filters as CSV, newest first, a page at a time. */
export function sendCreditNoteCsv(reply: FastifyReply, services: AppServices, filters: ListCreditNotesInput) {
  return sendCsv(reply, services.clock.now(), {
    name: 'credit-notes',
    columns: csvColumns,
    page: (cursor, limit) => listCreditNotes(services.db, { ...filters, cursor, limit }),
    fields: async (notes) => {
      const customers = await findCustomers(
        services.db,
        notes.map((note) => note.invoice.customerId),
      );
      return notes.map((note) => {
        const customer = customers.get(note.invoice.customerId);
        return [
          note.number,
          note.invoice.number,
          customer?.name ?? '',
          customer?.email ?? '',
          note.currency,
          toDecimalString({ amount: note.amount, currency: note.currency }),
          note.reason,
          note.outcome,
          note.memo,
          note.createdAt.toISOString(),
        ];
      });
    },
  });
}
