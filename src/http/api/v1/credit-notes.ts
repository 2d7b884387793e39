import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCreditNote, listCreditNotes, type CreditNote } from '../../../modules/invoicing/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';

const creditNoteJson = z
  .object({
    id: z.uuid(),
    invoiceId: z.uuid(),
    number: z.string(),
    currency: z.string(),
    amount: z.string().describe('Whole minor units, as a string'),
    reason: z.string(),
    memo: z.string(),
    outcome: z.enum(['refund', 'customer_balance']),
    createdAt: z.string(),
  })
  .meta({ id: 'CreditNote' });

function toCreditNoteJson(note: CreditNote): z.infer<typeof creditNoteJson> {
  return { ...note, amount: note.amount.toString(), createdAt: note.createdAt.toISOString() };
}

const idParams = z.object({ id: z.string().describe('Invoice id (uuid)') });

/** /api/v1/invoices/:id/credit-notes: corrections of finalized invoices. */
export function registerCreditNoteApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Invoices'];

  app.get(
    '/api/v1/invoices/:id/credit-notes',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: "An invoice's credit notes, oldest first",
        params: idParams,
        response: { 200: z.object({ data: z.array(creditNoteJson) }), 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => ({
      data: (await listCreditNotes(services.db, request.params.id)).map(toCreditNoteJson),
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
        params: idParams,
        headers: idempotencyHeaders,
        body: z.object({
          amount: z.union([z.number().int(), z.string()]).optional().describe('Minor units; or give lines'),
          lines: z
            .array(z.object({ invoiceLineId: z.string(), amount: z.union([z.number().int(), z.string()]) }))
            .optional(),
          reason: z.enum(['duplicate', 'fraudulent', 'order_change', 'product_unsatisfactory', 'other']),
          memo: z.string().optional(),
          outcome: z.enum(['refund', 'customer_balance']),
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
