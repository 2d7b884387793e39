import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createCreditNote,
  creditNoteOutcomes,
  creditNoteReasons,
  creditNotesOfInvoice,
  getCreditNote,
  listCreditNotes,
  type CreditNote,
  type CreditNoteLineDetail,
  type ListedCreditNote,
} from '../../../modules/invoicing/index.js';
import { sendCreditNoteCsv, sendCreditNotePdf } from '../../credit-note-downloads.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import {
  cursorListSchema,
  cursorPageJson,
  csvExportSchema,
  pdfDownloadSchema,
  withLinesSchema,
} from '../document-routes.js';
import { errorResponse, guardedErrors, idempotencyHeaders, wholeMinorUnitsQuery } from '../schemas.js';

// Money as strings of minor units: JSON numbers stop being exact at 2^53.
const minorUnits = z.string().describe('Whole minor units, as a string');

const creditNoteJson = z
  .object({
    id: z.uuid(),
    invoiceId: z.uuid(),
    number: z.string(),
    currency: z.string(),
    amount: minorUnits,
    reason: z.enum(creditNoteReasons),
    memo: z.string(),
    outcome: z.enum(creditNoteOutcomes),
    createdAt: z.string(),
  })
  .meta({ id: 'CreditNote' });

// In the lists of all credit notes: who it is for and what it credits, without another request.
const listedCreditNoteJson = creditNoteJson
  .extend({
    invoiceNumber: z.string(),
    customerId: z.uuid().describe("The credited invoice's customer"),
  })
  .meta({ id: 'ListedCreditNote' });

const creditNoteLineJson = z
  .object({
    id: z.string(),
    invoiceLineId: z.string().nullable().describe('The invoice line taken back; null for a lump sum'),
    description: z.string(),
    amount: minorUnits,
  })
  .meta({ id: 'CreditNoteLine' });

function toCreditNoteJson(note: CreditNote): z.infer<typeof creditNoteJson> {
  return {
    id: note.id,
    invoiceId: note.invoiceId,
    number: note.number,
    currency: note.currency,
    amount: note.amount.toString(),
    reason: note.reason,
    memo: note.memo,
    outcome: note.outcome,
    createdAt: note.createdAt.toISOString(),
  };
}

function toListedCreditNoteJson(note: ListedCreditNote): z.infer<typeof listedCreditNoteJson> {
  return {
    ...toCreditNoteJson(note),
    invoiceNumber: note.invoice.number,
    customerId: note.invoice.customerId,
  };
}

function toLineJson(line: CreditNoteLineDetail): z.infer<typeof creditNoteLineJson> {
  return {
    id: line.id.toString(),
    invoiceLineId: line.invoiceLineId?.toString() ?? null,
    description: line.description,
    amount: line.amount.toString(),
  };
}

const invoiceParams = z.object({ id: z.string().describe('Invoice id (uuid)') });
const noteParams = z.object({ id: z.string().describe('Credit note id (uuid)') });

const listFilters = {
  customerId: z.string().optional().describe("The credited invoice's customer"),
  reason: z.enum(creditNoteReasons).optional(),
  outcome: z.enum(creditNoteOutcomes).optional(),
  from: z.coerce.date().optional().describe('Issued at or after'),
  to: z.coerce.date().optional().describe('Issued before'),
  minAmount: wholeMinorUnitsQuery.optional(),
  maxAmount: wholeMinorUnitsQuery.optional(),
};

/**
 * Credit notes: all of them (filtered, CSV, PDF) under /api/v1/credit-notes, and one invoice's,
 * with issuing new ones, under /api/v1/invoices/:id/credit-notes.
 */
export function registerCreditNoteApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Credit notes'];

  app.get(
    '/api/v1/credit-notes',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'List credit notes, newest first',
        ...cursorListSchema(listFilters, listedCreditNoteJson),
      },
    },
    async (request) =>
      cursorPageJson(request.query, (query) => listCreditNotes(services.db, query), toListedCreditNoteJson),
  );

  app.get(
    '/api/v1/credit-notes/export.csv',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'Every credit note matching the list filters as CSV (amounts as decimals, dates ISO 8601)',
        ...csvExportSchema(listFilters),
      },
    },
    async (request, reply) => sendCreditNoteCsv(reply, services, request.query),
  );

  app.get(
    '/api/v1/credit-notes/:id',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'A credit note with its lines',
        ...withLinesSchema(noteParams, listedCreditNoteJson, creditNoteLineJson),
      },
    },
    async (request) => {
      const note = await getCreditNote(services.db, request.params.id);
      return { ...toListedCreditNoteJson(note), lines: note.lines.map(toLineJson) };
    },
  );

  app.get(
    '/api/v1/credit-notes/:id/pdf',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'The credit note as a PDF download',
        ...pdfDownloadSchema(noteParams),
      },
    },
    async (request, reply) => sendCreditNotePdf(reply, services, request.params.id),
  );

  app.get(
    '/api/v1/invoices/:id/credit-notes',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: "An invoice's credit notes, oldest first",
        params: invoiceParams,
        response: { 200: z.object({ data: z.array(creditNoteJson) }), 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => ({
      data: (await creditNotesOfInvoice(services.db, request.params.id)).map(toCreditNoteJson),
    }),
  );

  app.post(
    '/api/v1/invoices/:id/credit-notes',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary:
          'Credit a finalized invoice, fully or in part: before payment it lowers what is due, after it the money is refunded or goes to the customer balance',
        params: invoiceParams,
        headers: idempotencyHeaders,
        body: z.object({
          amount: z.union([z.number().int(), z.string()]).optional().describe('Minor units; or give lines'),
          lines: z
            .array(
              z.object({
                invoiceLineId: z.string().describe('The id of a line of this invoice'),
                amount: z.union([z.number().int(), z.string()]),
              }),
            )
            .optional(),
          reason: z.enum(creditNoteReasons),
          memo: z.string().optional(),
          outcome: z.enum(creditNoteOutcomes),
        }),
        response: { 201: creditNoteJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const note = await createCreditNote(
        services.invoicing,
        request.params.id,
        request.body,
        actorOf(request),
      );
      reply.code(201);
      return toCreditNoteJson(note);
    },
  );
}
