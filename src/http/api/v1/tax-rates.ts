import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createTaxRate,
  getTaxRate,
  listTaxRates,
  ppmToPercent,
  setTaxRateArchived,
  taxRateSortKeys,
  updateTaxRate,
  type TaxRate,
} from '../../../modules/taxes/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { taxesContextOf } from '../../taxes-context.js';
import { cursorPageOf, cursorQuery, errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';

const taxRateJson = z
  .object({
    id: z.uuid(),
    name: z.string(),
    country: z.string().describe('ISO 3166-1 alpha-2, e.g. DE'),
    region: z.string().nullable().describe('A state or province; null for the whole country'),
    percent: z.string().describe('The rate as a decimal percentage, e.g. "8.875"'),
    ratePpm: z.number().int().describe('The rate in parts per million, e.g. 88750 for 8.875 %'),
    inclusive: z.boolean().describe('Prices already contain the tax (true) or it is added on top (false)'),
    archived: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'TaxRate' });

function toTaxRateJson(rate: TaxRate): z.infer<typeof taxRateJson> {
  return {
    id: rate.id,
    name: rate.name,
    country: rate.country,
    region: rate.region,
    percent: ppmToPercent(rate.ratePpm),
    ratePpm: rate.ratePpm,
    inclusive: rate.inclusive,
    archived: rate.archivedAt !== null,
    createdAt: rate.createdAt.toISOString(),
    updatedAt: rate.updatedAt.toISOString(),
  };
}

const idParams = z.object({ id: z.string().describe('Tax rate id (uuid)') });

/** /api/v1/tax-rates: the rates charged per country or region. */
export function registerTaxRateApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Taxes'];
  const ctx = taxesContextOf(services);

  app.get(
    '/api/v1/tax-rates',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'List tax rates',
        querystring: z.object({
          country: z.string().max(2).optional().describe('Only this country (two letters)'),
          status: z.enum(['active', 'archived']).optional(),
          sort: z.enum(taxRateSortKeys).default('country'),
          dir: z.enum(['asc', 'desc']).default('asc'),
          ...cursorQuery,
        }),
        response: { 200: cursorPageOf(taxRateJson), ...guardedErrors },
      },
    },
    async (request) => {
      const { country, status, sort, dir, cursor, limit } = request.query;
      const result = await listTaxRates(services.db, {
        country,
        status,
        sort,
        direction: dir,
        cursor,
        limit,
      });
      return { data: result.rows.map(toTaxRateJson), nextCursor: result.nextCursor };
    },
  );

  app.post(
    '/api/v1/tax-rates',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Add a tax rate (its percentage and inclusive setting are fixed once created)',
        headers: idempotencyHeaders,
        body: z.object({
          name: z.string().describe('e.g. "VAT" or "NY sales tax"'),
          country: z.string().describe('ISO 3166-1 alpha-2, e.g. DE'),
          region: z.string().nullable().optional().describe('A state or province; leave out for the country'),
          percent: z
            .union([z.string(), z.number()])
            .describe('0 to 100 with at most 4 decimals, best as text: "19", "8.875"'),
          inclusive: z
            .boolean()
            .optional()
            .describe('Prices already contain it (default false: added on top)'),
        }),
        response: { 201: taxRateJson, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toTaxRateJson(await createTaxRate(ctx, request.body, actorOf(request)));
    },
  );

  app.get(
    '/api/v1/tax-rates/:id',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'A tax rate',
        params: idParams,
        response: { 200: taxRateJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => toTaxRateJson(await getTaxRate(services.db, request.params.id)),
  );

  app.patch(
    '/api/v1/tax-rates/:id',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary:
          'Rename, archive or restore a tax rate; to change its percentage, archive it and add a new one',
        params: idParams,
        // Loose, so an attempt to change a fixed field reaches the module and is refused with the reason.
        body: z.looseObject({ name: z.string().optional(), archived: z.boolean().optional() }),
        response: { 200: taxRateJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      const { archived, ...fields } = request.body;
      const actor = actorOf(request);
      let rate = await updateTaxRate(ctx, request.params.id, fields, actor);
      if (archived !== undefined) rate = await setTaxRateArchived(ctx, request.params.id, archived, actor);
      return toTaxRateJson(rate);
    },
  );
}
