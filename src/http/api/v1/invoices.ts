import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  allowedInvoiceActions,
  applyInvoiceAction,
  createInvoice,
  finalizeInvoice,
  getInvoice,
  listInvoices,
  type Invoice,
  type InvoiceLine,
} from '../../../modules/invoicing/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import { sendInvoiceCsv, sendInvoicePdf } from '../../invoice-downloads.js';
import type { AppServices } from '../../services.js';
import {
  cursorListSchema,
  cursorPageJson,
  csvExportSchema,
  pdfDownloadSchema,
  withLinesSchema,
} from '../document-routes.js';
import { errorResponse, guardedErrors, idempotencyHeaders, wholeMinorUnitsQuery } from '../schemas.js';

const statuses = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
// Money as strings of minor units: an invoice total can pass 2^53, where JSON numbers stop being exact.
const minorUnits = z.string().describe('Whole minor units (cents), as a string');
const iso = (date: Date | null) => date?.toISOString() ?? null;

const invoiceJson = z
  .object({
    id: z.uuid(),
    number: z.string().nullable().describe('Given at finalization; drafts have none'),
    status: z.enum(statuses),
    customerId: z.uuid(),
    subscriptionId: z.uuid().nullable(),
    billingReason: z.string(),
    currency: z.string(),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    subtotal: minorUnits,
    discountTotal: minorUnits,
    taxTotal: minorUnits,
    total: minorUnits,
    amountPaid: minorUnits,
    amountFromBalance: minorUnits.describe(
      'The part of amountPaid taken from the customer balance at finalization',
    ),
    amountCredited: minorUnits,
    amountDue: minorUnits,
    paymentTermsDays: z.number().int(),
    memo: z.string(),
    createdAt: z.string(),
    finalizedAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    paidAt: z.string().nullable(),
    voidedAt: z.string().nullable(),
    allowedActions: z.array(z.string()).describe('What the status table allows now'),
  })
  .meta({ id: 'Invoice' });

const lineJson = z
  .object({
    id: z.string().describe('The line id, e.g. to credit this line'),
    kind: z.string(),
    description: z.string(),
    quantity: z.number().int(),
    unitAmount: minorUnits,
    amount: minorUnits,
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
  })
  .meta({ id: 'InvoiceLine' });

function toInvoiceJson(invoice: Invoice): z.infer<typeof invoiceJson> {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    customerId: invoice.customerId,
    subscriptionId: invoice.subscriptionId,
    billingReason: invoice.billingReason,
    currency: invoice.currency,
    periodStart: iso(invoice.periodStart),
    periodEnd: iso(invoice.periodEnd),
    subtotal: invoice.subtotal.toString(),
    discountTotal: invoice.discountTotal.toString(),
    taxTotal: invoice.taxTotal.toString(),
    total: invoice.total.toString(),
    amountPaid: invoice.amountPaid.toString(),
    amountFromBalance: invoice.amountFromBalance.toString(),
    amountCredited: invoice.amountCredited.toString(),
    amountDue: invoice.amountDue.toString(),
    paymentTermsDays: invoice.paymentTermsDays,
    memo: invoice.memo,
    createdAt: invoice.createdAt.toISOString(),
    finalizedAt: iso(invoice.finalizedAt),
    dueAt: iso(invoice.dueAt),
    paidAt: iso(invoice.paidAt),
    voidedAt: iso(invoice.voidedAt),
    allowedActions: [
      ...(invoice.status === 'draft' ? ['finalize'] : []),
      ...allowedInvoiceActions(invoice.status).filter((action) => action !== 'finalize'),
    ],
  };
}

function toLineJson(line: InvoiceLine): z.infer<typeof lineJson> {
  return {
    id: line.id.toString(),
    kind: line.kind,
    description: line.description,
    quantity: line.quantity,
    unitAmount: line.unitAmount.toString(),
    amount: line.amount.toString(),
    periodStart: iso(line.periodStart),
    periodEnd: iso(line.periodEnd),
  };
}

const idParams = z.object({ id: z.string().describe('Invoice id (uuid)') });

const listFilters = {
  status: z.enum(statuses).optional(),
  customerId: z.string().optional(),
  subscriptionId: z.string().optional(),
  from: z.coerce.date().optional().describe('Created at or after'),
  to: z.coerce.date().optional().describe('Created before'),
  minTotal: wholeMinorUnitsQuery.optional(),
  maxTotal: wholeMinorUnitsQuery.optional(),
};

/** /api/v1/invoices: list with filters, CSV export, manual invoices, PDF, finalize, pay, void, write off. */
export function registerInvoiceApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Invoices'];
  const ctx = services.invoicing;

  app.get(
    '/api/v1/invoices',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'List invoices, newest first',
        ...cursorListSchema(listFilters, invoiceJson),
      },
    },
    async (request) =>
      cursorPageJson(request.query, (query) => listInvoices(services.db, query), toInvoiceJson),
  );

  app.get(
    '/api/v1/invoices/export.csv',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'Every invoice matching the list filters as CSV (amounts as decimals, dates ISO 8601)',
        ...csvExportSchema(listFilters),
      },
    },
    async (request, reply) => sendInvoiceCsv(reply, services, request.query),
  );

  app.get(
    '/api/v1/invoices/:id/pdf',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'The invoice as a PDF download (a draft shows the customer as they are now)',
        ...pdfDownloadSchema(idParams),
      },
    },
    async (request, reply) => sendInvoicePdf(reply, services, request.params.id),
  );

  app.post(
    '/api/v1/invoices',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary: "A manual invoice (a draft in the customer's currency) for services and one-offs",
        headers: idempotencyHeaders,
        body: z.object({
          customerId: z.string(),
          lines: z.array(
            z.object({
              description: z.string(),
              quantity: z.number().int().optional(),
              unitAmount: z
                .union([z.number().int(), z.string()])
                .describe('Minor units; negative for a credit'),
            }),
          ),
          paymentTermsDays: z.number().int().optional(),
          memo: z.string().optional(),
        }),
        response: { 201: invoiceJson, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const lines = body.lines.map((line) => ({ ...line, quantity: line.quantity ?? 1 }));
      reply.code(201);
      return toInvoiceJson(await createInvoice(ctx, { ...body, lines }, actorOf(request)));
    },
  );

  app.get(
    '/api/v1/invoices/:id',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'An invoice with its lines',
        ...withLinesSchema(idParams, invoiceJson, lineJson),
      },
    },
    async (request) => {
      const invoice = await getInvoice(services.db, request.params.id);
      return { ...toInvoiceJson(invoice), lines: invoice.lines.map(toLineJson) };
    },
  );

  app.post(
    '/api/v1/invoices/:id/finalize',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary: 'Finalize a draft: it takes the next number of the series and can no longer change',
        params: idParams,
        headers: idempotencyHeaders,
        response: { 200: invoiceJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request) => toInvoiceJson(await finalizeInvoice(ctx, request.params.id, actorOf(request))),
  );

  app.post(
    '/api/v1/invoices/:id/actions',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary:
          'Mark a finalized invoice paid (outside Tollgate), void it, or write it off as uncollectible',
        params: idParams,
        headers: idempotencyHeaders,
        body: z.object({
          action: z.enum(['mark_paid', 'void', 'mark_uncollectible']),
          reason: z.string().describe('Why, for the audit log'),
        }),
        response: { 200: invoiceJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request) =>
      toInvoiceJson(await applyInvoiceAction(ctx, request.params.id, request.body, actorOf(request))),
  );
}
