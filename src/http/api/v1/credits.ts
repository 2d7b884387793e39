import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  adjustCredits,
  buyCreditPack,
  consumeCredits,
  creditBalances,
  creditSources,
  setLowBalanceThreshold,
  type UnitBalance,
} from '../../../modules/credits/index.js';
import { findCustomer } from '../../../modules/customers/index.js';
import { timeFor } from '../../../modules/test-clocks/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';

const credits = z.string().describe('A whole number of credits, as a string');
// Amounts arrive as a number or a string of digits; the module says what is wrong with them.
const amountInput = z.union([z.number(), z.string()]).describe('Whole credits above zero');

const unitBalanceJson = z
  .object({
    unit: z.string(),
    balance: credits.describe('Everything spendable now'),
    subscription: credits.describe('Of which the subscription’s period credits (spent first)'),
    other: credits.describe('Of which packs, rewards and adjustments (spent after, oldest first)'),
    lowBalanceThreshold: credits.nullable(),
    grants: z.array(
      z.object({
        id: z.uuid(),
        source: z.enum(creditSources),
        description: z.string(),
        granted: credits,
        left: credits,
        grantedAt: z.string(),
        expiresAt: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'CreditBalance' });

function toUnitBalanceJson(unit: UnitBalance): z.infer<typeof unitBalanceJson> {
  return {
    unit: unit.unit,
    balance: unit.balance.toString(),
    subscription: unit.subscription.toString(),
    other: unit.other.toString(),
    lowBalanceThreshold: unit.lowBalanceThreshold?.toString() ?? null,
    grants: unit.grants.map(({ grant, left }) => ({
      id: grant.id,
      source: grant.source,
      description: grant.description,
      granted: grant.amount.toString(),
      left: left.toString(),
      grantedAt: grant.grantedAt.toISOString(),
      expiresAt: grant.expiresAt?.toISOString() ?? null,
    })),
  };
}

const customerParams = z.object({ id: z.string() });

/** /api/v1/customers/{id}/credits: usage credits — balances, consumption, adjustments, thresholds. */
export function registerCreditApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Credits'];

  app.get(
    '/api/v1/customers/:id/credits',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'The customer’s spendable credits per unit, with the grants they come from',
        params: customerParams,
        response: { 200: z.object({ data: z.array(unitBalanceJson) }), 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      const customer = await findCustomer(services.db, request.params.id);
      const at = await timeFor(services.db, customer.testClockId, services.clock.now());
      return { data: (await creditBalances(services.db, customer.id, at)).map(toUnitBalanceJson) };
    },
  );

  app.post(
    '/api/v1/customers/:id/credits/consume',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary:
          'Consume credits: subscription credits first, then packs oldest first; answers what is left, or refuses with insufficient_credits and consumes nothing',
        params: customerParams,
        headers: idempotencyHeaders,
        body: z.object({ amount: amountInput, unit: z.string(), description: z.string() }),
        response: {
          200: z
            .object({ unit: z.string(), consumed: credits, balance: credits })
            .meta({ id: 'Consumption' }),
          404: errorResponse,
          409: errorResponse.describe('insufficient_credits: the balance does not cover the amount'),
          ...guardedErrors,
        },
      },
    },
    async (request) => {
      const result = await consumeCredits(services.credits, request.params.id, request.body);
      return { unit: result.unit, consumed: result.consumed.toString(), balance: result.balance.toString() };
    },
  );

  app.post(
    '/api/v1/customers/:id/credits/adjustments',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Give credits (optionally expiring) or take them back, with a reason for the audit log',
        params: customerParams,
        headers: idempotencyHeaders,
        body: z.object({
          direction: z.enum(['grant', 'deduct']),
          amount: amountInput,
          unit: z.string(),
          reason: z.string(),
          expiresAt: z.string().nullable().optional(),
        }),
        response: {
          200: z.object({ unit: z.string(), balance: credits }),
          404: errorResponse,
          409: errorResponse,
          ...guardedErrors,
        },
      },
    },
    async (request) => {
      const result = await adjustCredits(services.credits, request.params.id, request.body, actorOf(request));
      return { unit: result.unit, balance: result.balance.toString() };
    },
  );

  app.post(
    '/api/v1/customers/:id/credits/packs',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary:
          'Sell a credit pack (a one-time plan with credits) on a finalized invoice; the credits are granted when it is paid',
        params: customerParams,
        headers: idempotencyHeaders,
        body: z.object({ planId: z.string(), quantity: z.number().int().optional() }),
        response: {
          201: z
            .object({
              id: z.uuid(),
              status: z.enum(['awaiting_payment', 'granted']),
              unit: z.string(),
              credits,
              expiryDays: z.number().int().nullable(),
              invoiceId: z.uuid(),
              invoiceNumber: z.string().nullable(),
            })
            .meta({ id: 'CreditPackPurchase' }),
          404: errorResponse,
          ...guardedErrors,
        },
      },
    },
    async (request, reply) => {
      const { purchase, invoice } = await buyCreditPack(
        services.credits,
        services.invoicing,
        request.params.id,
        request.body,
        actorOf(request),
      );
      return reply.code(201).send({
        id: purchase.id,
        status: purchase.status,
        unit: purchase.unit,
        credits: purchase.credits.toString(),
        expiryDays: purchase.expiryDays,
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
      });
    },
  );

  app.put(
    '/api/v1/customers/:id/credits/threshold',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Set the balance under which credits.low_balance fires (once per crossing); null removes it',
        params: customerParams,
        body: z.object({ unit: z.string(), threshold: amountInput.nullable() }),
        response: { 204: z.null(), 404: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      await setLowBalanceThreshold(services.credits, request.params.id, request.body, actorOf(request));
      return reply.code(204).send(null);
    },
  );
}
