import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { creditEntryKinds, creditHistory, type CreditMovement } from '../../../modules/credits/index.js';
import { sendCsv } from '../../csv-export.js';
import { requireRole } from '../../plugins/auth-guard.js';
import type { AppServices } from '../../services.js';
import { cursorPageJson } from '../document-routes.js';
import { cursorPageOf, cursorQuery, errorResponse, guardedErrors } from '../schemas.js';

const movementJson = z
  .object({
    entryId: z.uuid().describe('The ledger entry'),
    kind: z.string().describe(`What moved the credits: ${creditEntryKinds.join(', ')}`),
    description: z.string(),
    occurredAt: z.string().describe("When it happened, in the customer's time (a test clock's, or real)"),
    amount: z
      .string()
      .describe(
        'Whole credits, as a string: the net change of the balance (negative when credits left; 0 when they moved between grants, as in a rollover)',
      ),
    unit: z.string(),
  })
  .meta({ id: 'CreditMovement' });

function toMovementJson(unit: string) {
  return (movement: CreditMovement): z.infer<typeof movementJson> => ({
    entryId: movement.entryId,
    kind: movement.kind,
    description: movement.description,
    occurredAt: movement.occurredAt.toISOString(),
    amount: movement.amount.toString(),
    unit,
  });
}

const customerParams = z.object({ id: z.string() });

// Plain text: the credits module checks the filters, so the API and the admin page refuse alike.
const historyFilters = {
  unit: z.string().optional().describe('The credit unit, e.g. credits (required)'),
  kind: z
    .string()
    .optional()
    .describe(`Only this kind: ${creditEntryKinds.join(', ')}`),
  from: z.string().optional().describe('Occurred on or after this day (YYYY-MM-DD, UTC)'),
  to: z.string().optional().describe('Occurred on or before this day (YYYY-MM-DD, UTC)'),
};

/** /api/v1/customers/{id}/credits/history: a customer's credit movements, one per ledger entry, and as CSV. */
export function registerCreditHistoryApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Credits'];

  app.get(
    '/api/v1/customers/:id/credits/history',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary:
          'The customer’s credit movements in one unit, newest first: grants, usage, adjustments, expiries — one row per ledger entry',
        params: customerParams,
        querystring: z.object({ ...historyFilters, ...cursorQuery }),
        response: { 200: cursorPageOf(movementJson), 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      const history = await creditHistory(services.db, request.params.id, filters);
      return cursorPageJson(
        { cursor, limit },
        (paging) => history.page(paging),
        toMovementJson(history.unit),
      );
    },
  );

  app.get(
    '/api/v1/customers/:id/credits/history/export.csv',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'The same movements, with the same filters, as CSV (dates ISO 8601)',
        params: customerParams,
        querystring: z.object(historyFilters),
        produces: ['text/csv'],
        response: { 404: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const history = await creditHistory(services.db, request.params.id, request.query);
      return sendCsv(reply, services.clock.now(), {
        name: 'credit-history',
        columns: ['occurred_at', 'kind', 'description', 'amount', 'unit', 'entry_id'],
        page: (cursor, limit) => history.page({ cursor, limit }),
        fields: async (rows) =>
          rows.map((row) => [
            row.occurredAt.toISOString(),
            row.kind,
            row.description,
            row.amount.toString(),
            history.unit,
            row.entryId,
          ]),
      });
    },
  );
}
