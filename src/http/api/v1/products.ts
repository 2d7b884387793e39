import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  billingUnits,
  createPlan,
  createProduct,
  getProduct,
  listProducts,
  productKinds,
  productSortKeys,
  setProductArchived,
  updateProduct,
} from '../../../modules/catalog/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { cursorPageOf, cursorQuery, errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';
import {
  planJson,
  planSettingsBody,
  productJson,
  productWithPlansJson,
  toPlanJson,
  toProductJson,
} from './catalog-json.js';

const idParams = z.object({ id: z.string().describe('Product id (uuid)') });

const planCreateBody = z.object({
  code: z.string().describe('Unique code, e.g. plex-monthly'),
  name: z.string(),
  intervalUnit: z.enum(billingUnits),
  intervalCount: z.number().int().optional().describe('Bill every N units (default 1)'),
  ...planSettingsBody,
  prices: z.array(
    z.object({ currency: z.string(), amount: z.number().int(), setupFee: z.number().int().optional() }),
  ),
});

/** /api/v1/products and the plans created under them. */
export function registerProductApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Catalog'];

  app.get(
    '/api/v1/products',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'List products',
        querystring: z.object({
          q: z.string().max(200).optional().describe('Matches name or description'),
          kind: z.enum(productKinds).optional(),
          status: z.enum(['active', 'archived']).optional(),
          sort: z.enum(productSortKeys).default('name'),
          dir: z.enum(['asc', 'desc']).default('asc'),
          ...cursorQuery,
        }),
        response: {
          200: cursorPageOf(productJson.extend({ planCount: z.number().int() })),
          ...guardedErrors,
        },
      },
    },
    async (request) => {
      const { q, kind, status, sort, dir, cursor, limit } = request.query;
      const result = await listProducts(services.db, {
        search: q,
        kind,
        status,
        sort,
        direction: dir,
        cursor,
        limit,
      });
      return {
        data: result.rows.map((row) => ({ ...toProductJson(row), planCount: row.planCount })),
        nextCursor: result.nextCursor,
      };
    },
  );

  app.post(
    '/api/v1/products',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Create a product',
        headers: idempotencyHeaders,
        body: z.object({ name: z.string(), kind: z.enum(productKinds), description: z.string().optional() }),
        response: { 201: productJson, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toProductJson(await createProduct(services.catalog, request.body, actorOf(request)));
    },
  );

  app.get(
    '/api/v1/products/:id',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'A product with its plans and current prices',
        params: idParams,
        response: { 200: productWithPlansJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      const product = await getProduct(services.db, request.params.id);
      return { ...toProductJson(product), plans: product.plans.map(toPlanJson) };
    },
  );

  app.patch(
    '/api/v1/products/:id',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Rename, describe, archive or restore a product',
        params: idParams,
        body: z.object({
          name: z.string().optional(),
          description: z.string().optional(),
          archived: z.boolean().optional(),
        }),
        response: { 200: productJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      const { archived, ...fields } = request.body;
      const actor = actorOf(request);
      let product = await updateProduct(services.catalog, request.params.id, fields, actor);
      if (archived !== undefined)
        product = await setProductArchived(services.catalog, request.params.id, archived, actor);
      return toProductJson(product);
    },
  );

  app.post(
    '/api/v1/products/:id/plans',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Add a plan with its first prices to a product',
        params: idParams,
        headers: idempotencyHeaders,
        body: planCreateBody,
        response: { 201: planJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toPlanJson(
        await createPlan(services.catalog, request.params.id, request.body, actorOf(request)),
      );
    },
  );
}
