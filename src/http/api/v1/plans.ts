import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getPlan, setPlanArchived, setPlanPrice, updatePlan } from '../../../modules/catalog/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';
import {
  planDetailJson,
  planJson,
  planSettingsBody,
  priceJson,
  toPlanDetailJson,
  toPlanJson,
  toPriceJson,
} from './catalog-json.js';

const idParams = z.object({ id: z.string().describe('Plan id (uuid)') });

/** /api/v1/plans: read, change settings, archive, and set prices (new versions). */
export function registerPlanApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Catalog'];

  app.get(
    '/api/v1/plans/:id',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'A plan with its current prices and price history',
        params: idParams,
        response: { 200: planDetailJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => toPlanDetailJson(await getPlan(services.db, request.params.id)),
  );

  app.patch(
    '/api/v1/plans/:id',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Change a plan (its code and billing interval are fixed), archive or restore it',
        params: idParams,
        body: z.object({
          name: z.string().optional(),
          ...planSettingsBody,
          archived: z.boolean().optional(),
        }),
        response: { 200: planJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      const { archived, ...fields } = request.body;
      const actor = actorOf(request);
      let plan = await updatePlan(services.catalog, request.params.id, fields, actor);
      if (archived !== undefined)
        plan = await setPlanArchived(services.catalog, request.params.id, archived, actor);
      return toPlanJson(plan);
    },
  );

  app.post(
    '/api/v1/plans/:id/prices',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Set the price in a currency (adds a version; current subscribers keep theirs)',
        params: idParams,
        headers: idempotencyHeaders,
        body: z.object({
          currency: z.string(),
          amount: z.number().int(),
          setupFee: z.number().int().optional(),
        }),
        response: { 201: priceJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toPriceJson(
        await setPlanPrice(services.catalog, request.params.id, request.body, actorOf(request)),
      );
    },
  );
}
