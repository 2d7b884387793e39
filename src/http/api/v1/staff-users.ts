import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createStaffUser,
  getStaffUser,
  listStaffUsers,
  roleKeys,
  staffSortKeys,
  updateStaffUser,
  type StaffUser,
} from '../../../modules/auth/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf, sessionOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { cursorPageOf, cursorQuery, errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';

const staffUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roleKeys),
    theme: z.enum(['light', 'dark']).nullable(),
    createdAt: z.string().describe('ISO 8601 time'),
    lastLoginAt: z.string().nullable(),
    disabledAt: z.string().nullable(),
  })
  .meta({ id: 'StaffUser' });

function toJson(user: StaffUser): z.infer<typeof staffUser> {
  return {
    ...user,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
  };
}

const idParams = z.object({ id: z.string().describe('Staff user id (uuid)') });

/** /api/v1/me and /api/v1/staff-users. */
export function registerStaffUserApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Staff'];

  app.get(
    '/api/v1/me',
    {
      preHandler: requireRole('viewer'),
      schema: { tags, summary: 'The signed-in staff user', response: { 200: staffUser, ...guardedErrors } },
    },
    async (request) => {
      return toJson(await getStaffUser(services.db, sessionOf(request).user.id));
    },
  );

  app.get(
    '/api/v1/staff-users',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'List staff users',
        querystring: z.object({
          q: z.string().max(200).optional().describe('Matches name or email'),
          role: z.enum(roleKeys).optional(),
          status: z.enum(['active', 'disabled']).optional(),
          sort: z.enum(staffSortKeys).default('name'),
          dir: z.enum(['asc', 'desc']).default('asc'),
          ...cursorQuery,
        }),
        response: { 200: cursorPageOf(staffUser), ...guardedErrors },
      },
    },
    async (request) => {
      const { q, role, status, sort, dir, cursor, limit } = request.query;
      const result = await listStaffUsers(services.db, {
        search: q,
        role,
        status,
        sort,
        direction: dir,
        cursor,
        limit,
      });
      return { data: result.rows.map(toJson), nextCursor: result.nextCursor };
    },
  );

  app.post(
    '/api/v1/staff-users',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags,
        summary: 'Add a staff user',
        headers: idempotencyHeaders,
        body: z.object({ email: z.string(), name: z.string(), role: z.enum(roleKeys), password: z.string() }),
        response: { 201: staffUser, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      const user = await createStaffUser(services.auth, request.body, actorOf(request));
      reply.code(201);
      return toJson(user);
    },
  );

  app.get(
    '/api/v1/staff-users/:id',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'One staff user',
        params: idParams,
        response: { 200: staffUser, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      return toJson(await getStaffUser(services.db, request.params.id));
    },
  );

  app.patch(
    '/api/v1/staff-users/:id',
    {
      preHandler: requireRole('admin'),
      schema: {
        tags,
        summary: 'Change a staff user (name, role, disabled)',
        params: idParams,
        body: z.object({
          name: z.string().optional(),
          role: z.enum(roleKeys).optional(),
          disabled: z.boolean().optional(),
        }),
        response: { 200: staffUser, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request) =>
      toJson(await updateStaffUser(services.auth, request.params.id, request.body, actorOf(request))),
  );
}
