import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addonIntervalUnits,
  addonSortKeys,
  createAddon,
  getAddon,
  listAddons,
  setAddonArchived,
  setAddonPrice,
  updateAddon,
} from '../../../modules/catalog/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { cursorPageOf, cursorQuery, errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';
import {
  addonDetailJson,
  addonJson,
  addonPriceJson,
  toAddonDetailJson,
  toAddonJson,
  toAddonPriceJson,
} from './catalog-json.js';

const idParams = z.object({ id: z.string().describe('Add-on id (uuid)') });

const addonPriceBody = z.object({
  currency: z.string(),
  intervalUnit: z.enum(addonIntervalUnits),
  intervalCount: z.number().int().optional().describe('Every N units (default 1), as the plan it goes with'),
  amount: z.number().int(),
});

/** /api/v1/addons: extras and configurable options of a product, and their prices per interval. */
export function registerAddonApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Catalog'];

  app.get(
    '/api/v1/addons',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'List add-ons',
        querystring: z.object({
          product: z.string().optional().describe('Only the add-ons of this product (id)'),
          q: z.string().max(200).optional().describe('Matches name or code'),
          status: z.enum(['active', 'archived']).optional(),
          sort: z.enum(addonSortKeys).default('name'),
          dir: z.enum(['asc', 'desc']).default('asc'),
          ...cursorQuery,
        }),
        response: { 200: cursorPageOf(addonJson), ...guardedErrors },
      },
    },
    async (request) => {
      const { product, q, status, sort, dir, cursor, limit } = request.query;
      const result = await listAddons(services.db, {
        productId: product,
        search: q,
        status,
        sort,
        direction: dir,
        cursor,
        limit,
      });
      return { data: result.rows.map(toAddonJson), nextCursor: result.nextCursor };
    },
  );

  app.post(
    '/api/v1/addons',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Add an add-on to a product, with any first prices',
        headers: idempotencyHeaders,
        body: z.object({
          productId: z.string().describe('The product it is bought with (uuid)'),
          code: z.string().describe('Unique code, e.g. extra-stream'),
          name: z.string(),
          description: z.string().optional(),
          optionGroup: z
            .string()
            .nullable()
            .optional()
            .describe('e.g. RAM: add-ons sharing a group are the choices of one option'),
          maxQuantity: z.number().int().optional().describe('1 (default): taken or not; more: by the unit'),
          entitlementKeys: z.array(z.string()).optional(),
          prices: z.array(addonPriceBody).optional(),
        }),
        response: { 201: addonJson, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toAddonJson(await createAddon(services.catalog, request.body, actorOf(request)));
    },
  );

  app.get(
    '/api/v1/addons/:id',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'An add-on with its current prices and price history',
        params: idParams,
        response: { 200: addonDetailJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => toAddonDetailJson(await getAddon(services.db, request.params.id)),
  );

  app.patch(
    '/api/v1/addons/:id',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Change an add-on (its code and product are fixed), archive or restore it',
        params: idParams,
        body: z.object({
          name: z.string().optional(),
          description: z.string().optional(),
          optionGroup: z.string().nullable().optional(),
          maxQuantity: z.number().int().optional(),
          entitlementKeys: z.array(z.string()).optional(),
          archived: z.boolean().optional(),
        }),
        response: { 200: addonJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      const { archived, ...fields } = request.body;
      const actor = actorOf(request);
      let addon = await updateAddon(services.catalog, request.params.id, fields, actor);
      if (archived !== undefined)
        addon = await setAddonArchived(services.catalog, request.params.id, archived, actor);
      return toAddonJson(addon);
    },
  );

  app.post(
    '/api/v1/addons/:id/prices',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary:
          'Set the price in a currency for a billing interval (adds a version; current subscribers keep theirs)',
        params: idParams,
        headers: idempotencyHeaders,
        body: addonPriceBody,
        response: { 201: addonPriceJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toAddonPriceJson(
        await setAddonPrice(services.catalog, request.params.id, request.body, actorOf(request)),
      );
    },
  );
}
