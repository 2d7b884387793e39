import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { toDecimalString } from '../lib/money.js';
import { findCustomers } from '../modules/customers/index.js';
import { createPdfCache } from '../modules/documents/index.js';
import {
  getInvoice,
  listInvoices,
  type Invoice,
  type ListInvoicesInput,
} from '../modules/invoicing/index.js';
import { billedCustomerOf, invoiceFileName, toInvoiceDocument } from './invoice-document.js';
import type { AppServices } from './services.js';

// One cache for the whole process: the API and the admin download the same documents.
const pdfCache = createPdfCache({ maxEntries: 64 });

/** Answers with the invoice's PDF as a download named after its number. */
export async function sendInvoicePdf(reply: FastifyReply, services: AppServices, id: string) {
  const invoice = await getInvoice(services.db, id);
  const customer = await billedCustomerOf(services.db, invoice);
  const pdf = await pdfCache.get(toInvoiceDocument(invoice, customer, services.config.business));
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${invoiceFileName(invoice, 'pdf')}"`)
    .header('cache-control', 'private, no-store')
    .send(pdf);
}

const csvColumns = [
  'number',
  'status',
  'customer_name',
  'customer_email',
  'currency',
  'subtotal',
  'discount',
  'tax',
  'total',
  'amount_due',
  'created_at',
  'finalized_at',
  'due_at',
  'paid_at',
];

/** RFC 4180: a field with a comma, quote or line break is quoted, and quotes inside are doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const csvRow = (fields: string[]) => `${fields.map(csvField).join(',')}\r\n`;
const isoOrEmpty = (date: Date | null) => date?.toISOString() ?? '';

// Rows read per query: an export of any size holds one page in memory at a time.
const exportPageSize = 500;

async function* invoiceCsvLines(services: AppServices, filters: ListInvoicesInput): AsyncGenerator<string> {
  yield csvRow(csvColumns);
  let cursor: string | undefined;
  do {
    const page = await listInvoices(services.db, { ...filters, cursor, limit: exportPageSize });
    const customers = await findCustomers(
      services.db,
      page.rows.map((invoice) => invoice.customerId),
    );
    yield page.rows
      .map((invoice: Invoice) => {
        const customer = customers.get(invoice.customerId);
        const amount = (value: bigint) => toDecimalString({ amount: value, currency: invoice.currency });
        return csvRow([
          invoice.number ?? '',
          invoice.status,
          customer?.name ?? '',
          customer?.email ?? '',
          invoice.currency,
          amount(invoice.subtotal),
          amount(invoice.discountTotal),
          amount(invoice.taxTotal),
          amount(invoice.total),
          amount(invoice.amountDue),
          invoice.createdAt.toISOString(),
          isoOrEmpty(invoice.finalizedAt),
          isoOrEmpty(invoice.dueAt),
          isoOrEmpty(invoice.paidAt),
        ]);
      })
      .join('');
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Streams the invoices matching the list's filters as CSV, newest first, a page at a time. */
export function sendInvoiceCsv(reply: FastifyReply, services: AppServices, filters: ListInvoicesInput) {
  const day = services.clock.now().toISOString().slice(0, 10);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="invoices-${day}.csv"`)
    .header('cache-control', 'private, no-store')
    .send(Readable.from(invoiceCsvLines(services, filters)));
}
