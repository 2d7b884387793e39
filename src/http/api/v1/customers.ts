import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createCustomer,
  customerSortKeys,
  getCustomer,
  identityProviders,
  linkIdentity,
  listCustomers,
  mergeCustomers,
  unlinkIdentity,
  updateCustomer,
  type Customer,
  type CustomerIdentity,
} from '../../../modules/customers/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { cursorPageOf, cursorQuery, errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';

const identityJson = z
  .object({
    id: z.uuid(),
    provider: z.enum(identityProviders),
    externalId: z.string(),
    label: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'CustomerIdentity' });

const customerJson = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    currency: z.string(),
    locale: z.string(),
    timeZone: z.string(),
    address: z.object({
      line1: z.string().nullable(),
      line2: z.string().nullable(),
      city: z.string().nullable(),
      postalCode: z.string().nullable(),
      region: z.string().nullable(),
      country: z.string().nullable(),
    }),
    taxId: z.string().nullable(),
    taxExempt: z
      .boolean()
      .describe('No tax is charged; with a tax id, invoices say the reverse charge applies'),
    tags: z.array(z.string()),
    notes: z.string(),
    mergedIntoId: z.uuid().nullable().describe('Set when this record was merged into another customer'),
    testClockId: z.uuid().nullable().describe("A sandbox customer lives at this test clock's time"),
    createdAt: z.string(),
  })
  .meta({ id: 'Customer' });

const customerWithIdentitiesJson = customerJson
  .extend({ identities: z.array(identityJson) })
  .meta({ id: 'CustomerWithIdentities' });

function toCustomerJson(customer: Customer): z.infer<typeof customerJson> {
  return {
    id: customer.id,
    email: customer.email,
    name: customer.name,
    currency: customer.currency,
    locale: customer.locale,
    timeZone: customer.timeZone,
    address: {
      line1: customer.addressLine1,
      line2: customer.addressLine2,
      city: customer.city,
      postalCode: customer.postalCode,
      region: customer.region,
      country: customer.country,
    },
    taxId: customer.taxId,
    taxExempt: customer.taxExempt,
    tags: customer.tags,
    notes: customer.notes,
    mergedIntoId: customer.mergedIntoId,
    testClockId: customer.testClockId,
    createdAt: customer.createdAt.toISOString(),
  };
}

function toIdentityJson(identity: CustomerIdentity): z.infer<typeof identityJson> {
  return {
    id: identity.id,
    provider: identity.provider,
    externalId: identity.externalId,
    label: identity.label,
    createdAt: identity.createdAt.toISOString(),
  };
}

const customerBody = z.object({
  email: z.string(),
  name: z.string(),
  currency: z.string().describe('ISO 4217, e.g. USD'),
  locale: z.string().optional().describe('e.g. en-US (default)'),
  timeZone: z.string().optional().describe('IANA zone, e.g. Europe/Berlin (default UTC)'),
  addressLine1: z.string().nullable().optional(),
  addressLine2: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  postalCode: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  country: z.string().nullable().optional().describe('ISO 3166-1 alpha-2, e.g. DE'),
  taxId: z.string().nullable().optional(),
  taxExempt: z.boolean().optional().describe('No tax is charged (default false)'),
  tags: z.array(z.string()).optional(),
  notes: z.string().optional(),
});

const idParams = z.object({ id: z.string().describe('Customer id (uuid)') });

/** /api/v1/customers: people who buy, their linked accounts, and merging duplicates. */
export function registerCustomerApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Customers'];
  const ctx = services.customers;

  app.get(
    '/api/v1/customers',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'List customers',
        querystring: z.object({
          q: z.string().max(200).optional().describe('Matches name, email or a linked account id'),
          tag: z.string().max(40).optional(),
          currency: z.string().max(3).optional(),
          status: z.enum(['active', 'merged']).default('active'),
          sort: z.enum(customerSortKeys).default('createdAt'),
          dir: z.enum(['asc', 'desc']).default('desc'),
          ...cursorQuery,
        }),
        response: { 200: cursorPageOf(customerJson), ...guardedErrors },
      },
    },
    async (request) => {
      const { q, tag, currency, status, sort, dir, cursor, limit } = request.query;
      const result = await listCustomers(services.db, {
        search: q,
        tag,
        currency,
        status,
        sort,
        direction: dir,
        cursor,
        limit,
      });
      return { data: result.rows.map(toCustomerJson), nextCursor: result.nextCursor };
    },
  );

  app.post(
    '/api/v1/customers',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary: 'Create a customer',
        headers: idempotencyHeaders,
        body: customerBody.extend({
          testClockId: z
            .string()
            .optional()
            .describe('Attach to a test clock (sandbox); fixed for the life of the customer'),
        }),
        response: { 201: customerJson, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toCustomerJson(await createCustomer(ctx, request.body, actorOf(request)));
    },
  );

  app.get(
    '/api/v1/customers/:id',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'A customer with linked accounts',
        params: idParams,
        response: { 200: customerWithIdentitiesJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      const customer = await getCustomer(services.db, request.params.id);
      return { ...toCustomerJson(customer), identities: customer.identities.map(toIdentityJson) };
    },
  );

  app.patch(
    '/api/v1/customers/:id',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary: 'Change a customer',
        params: idParams,
        body: customerBody.partial(),
        response: { 200: customerJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request) =>
      toCustomerJson(await updateCustomer(ctx, request.params.id, request.body, actorOf(request))),
  );

  app.post(
    '/api/v1/customers/:id/identities',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary: 'Link an outside account (Discord, Plex, Jellyfin, Emby, Stripe, PayPal, external)',
        params: idParams,
        headers: idempotencyHeaders,
        body: z.object({
          provider: z.enum(identityProviders),
          externalId: z.string(),
          label: z.string().nullable().optional(),
        }),
        response: { 201: identityJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toIdentityJson(await linkIdentity(ctx, request.params.id, request.body, actorOf(request)));
    },
  );

  app.delete(
    '/api/v1/customers/:id/identities/:identityId',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary: 'Unlink an outside account',
        params: idParams.extend({ identityId: z.string() }),
        response: { 204: z.null(), 404: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      await unlinkIdentity(ctx, request.params.id, request.params.identityId, actorOf(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/customers/:id/merge',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: 'Merge this (duplicate) customer into another; it stays as a record marked merged',
        params: idParams,
        headers: idempotencyHeaders,
        body: z.object({ into: z.string().describe('Id of the customer to keep') }),
        response: { 200: customerJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request) =>
      toCustomerJson(await mergeCustomers(ctx, request.params.id, request.body.into, actorOf(request))),
  );
}
