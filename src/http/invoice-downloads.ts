import type { FastifyReply } from 'fastify';
import { toDecimalString } from '../lib/money.js';
import { findCustomers } from '../modules/customers/index.js';
import { getInvoice, listInvoices, type ListInvoicesInput } from '../modules/invoicing/index.js';
import { sendCsv } from './csv-export.js';
import { billedCustomerOf, invoiceFileName, toInvoiceDocument } from './invoice-document.js';
import { sendDocumentPdf } from './pdf-download.js';
import type { AppServices } from './services.js';

/** Answers with the invoice's PDF as a download named after its number. */
export async function sendInvoicePdf(reply: FastifyReply, services: AppServices, id: string) {
  const invoice = await getInvoice(services.db, id);
  const customer = await billedCustomerOf(services.db, invoice);
  const doc = toInvoiceDocument(invoice, customer, services.config.business);
  return sendDocumentPdf(reply, doc, invoiceFileName(invoice, 'pdf'));
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

const isoOrEmpty = (date: Date | null) => date?.toISOString() ?? '';

/** Streams the invoices matching the list's filters as CSV, newest first, a page at a time. */
export function sendInvoiceCsv(reply: FastifyReply, services: AppServices, filters: ListInvoicesInput) {
  return sendCsv(reply, services.clock.now(), {
    name: 'invoices',
    columns: csvColumns,
    page: (cursor, limit) => listInvoices(services.db, { ...filters, cursor, limit }),
    fields: async (invoices) => {
      const customers = await findCustomers(
        services.db,
        invoices.map((invoice) => invoice.customerId),
      );
      return invoices.map((invoice) => {
        const customer = customers.get(invoice.customerId);
        const amount = (value: bigint) => toDecimalString({ amount: value, currency: invoice.currency });
        return [
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
        ];
      });
    },
  });
}
