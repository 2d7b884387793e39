import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adjustBalance,
  balanceHistory,
  customerBalances,
  refundBalance,
  type BalanceChangeResult,
} from '../../../modules/balances/index.js';
import { getCustomer } from '../../../modules/customers/index.js';
import { sendBalanceHistoryCsv } from '../../balance-history-csv.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { cursorListSchema, cursorPageJson, csvExportSchema } from '../document-routes.js';
import { errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';

// Money as strings of minor units, like every other amount of the API (exact beyond 2^53).
const minorUnits = z.string().describe('Whole minor units, as a string');

const balanceJson = z
  .object({
    currency: z.string(),
    balance: minorUnits.describe('What the operator owes the customer, never below zero'),
  })
  .meta({ id: 'CustomerBalance' });

const historyLineJson = z
  .object({
    entryId: z.uuid(),
    kind: z
      .string()
      .describe('balance.adjustment, balance.refund, credit_note.issued, invoice.balance_applied …'),
    description: z.string(),
    occurredAt: z.string(),
    currency: z.string(),
    amount: minorUnits.describe('Signed: positive added to the balance, negative taken from it'),
  })
  .meta({ id: 'CustomerBalanceLine' });

const changeJson = z
  .object({
    currency: z.string(),
    amount: minorUnits,
    balance: minorUnits.describe('The balance after the change'),
    entryId: z.uuid().describe('The ledger entry that moved it'),
  })
  .meta({ id: 'CustomerBalanceChange' });

const changeBody = {
  currency: z.string().describe('ISO 4217, e.g. USD'),
  amount: z.string().describe('A decimal amount more than zero, e.g. "12.50"'),
  reason: z.string().describe('Why, for the audit log (required)'),
};

const customerParams = z.object({ id: z.string().describe('Customer id (uuid)') });

const historyFilters = {
  currency: z.string().optional(),
  kind: z.string().optional().describe('The ledger entry kind'),
  from: z.coerce.date().optional().describe('Happened at or after'),
  to: z.coerce.date().optional().describe('Happened before'),
};

function toChangeJson(change: BalanceChangeResult): z.infer<typeof changeJson> {
  return {
    currency: change.currency,
    amount: change.amount.toString(),
    balance: change.balance.toString(),
    entryId: change.entryId,
  };
}

/** /api/v1/customers/:id/balance: a customer's money balance, its history, adjustments and refunds. */
export function registerBalanceApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Customer balances'];

  app.get(
    '/api/v1/customers/:id/balance',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'The customer’s money balance in each currency it has held one',
        params: customerParams,
        response: { 200: z.object({ data: z.array(balanceJson) }), 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      const customer = await getCustomer(services.db, request.params.id);
      const balances = await customerBalances(services.db, customer.id);
      return {
        data: balances.map((row) => ({ currency: row.currency, balance: row.balance.toString() })),
      };
    },
  );

  app.get(
    '/api/v1/customers/:id/balance/history',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'What moved the customer’s balance, newest first',
        params: customerParams,
        ...cursorListSchema(historyFilters, historyLineJson),
      },
    },
    async (request) => {
      const customer = await getCustomer(services.db, request.params.id);
      return cursorPageJson(
        request.query,
        (query) => balanceHistory(services.db, customer.id, query),
        (line) => ({
          entryId: line.entryId,
          kind: line.kind,
          description: line.description,
          occurredAt: line.occurredAt.toISOString(),
          currency: line.unit,
          amount: line.amount.toString(),
        }),
      );
    },
  );

  app.get(
    '/api/v1/customers/:id/balance/history/export.csv',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'The balance history matching the filters as CSV (amounts as decimals, dates ISO 8601)',
        params: customerParams,
        ...csvExportSchema(historyFilters),
      },
    },
    async (request, reply) => {
      const customer = await getCustomer(services.db, request.params.id);
      return sendBalanceHistoryCsv(reply, services, customer.id, request.query);
    },
  );

  app.post(
    '/api/v1/customers/:id/balance/adjustments',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Credit or debit the balance by hand, with a reason (a debit may not take it below zero)',
        params: customerParams,
        headers: idempotencyHeaders,
        body: z.object({ ...changeBody, direction: z.enum(['credit', 'debit']) }),
        response: { 201: changeJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const change = await adjustBalance(
        services.balances,
        request.params.id,
        request.body,
        actorOf(request),
      );
      reply.code(201);
      return toChangeJson(change);
    },
  );

  app.post(
    '/api/v1/customers/:id/balance/refunds',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary:
          'Pay (part of) the balance back to the customer; recorded as a payout on the refunds account',
        params: customerParams,
        headers: idempotencyHeaders,
        body: z.object(changeBody),
        response: { 201: changeJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const change = await refundBalance(
        services.balances,
        request.params.id,
        request.body,
        actorOf(request),
      );
      reply.code(201);
      return toChangeJson(change);
    },
  );
}
