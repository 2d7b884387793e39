import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAuditEvents } from '../../../modules/audit/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import type { AppServices } from '../../services.js';
import { cursorPageOf, cursorQuery, guardedErrors } from '../schemas.js';

const auditEvent = z
  .object({
    id: z.string(),
    occurredAt: z.string(),
    actorUserId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    ip: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

/** /api/v1/audit-events: the audit log, newest first. */
export function registerAuditEventApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/v1/audit-events',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags: ['Audit'],
        summary: 'List audit events',
        querystring: z.object({
          q: z.string().max(200).optional().describe('Matches action, actor or record id'),
          entityType: z.string().max(60).optional(),
          entityId: z.string().max(200).optional(),
          order: z.enum(['newest', 'oldest']).default('newest'),
          ...cursorQuery,
        }),
        response: { 200: cursorPageOf(auditEvent), ...guardedErrors },
      },
    },
    async (request) => {
      const { q, entityType, entityId, order, cursor, limit } = request.query;
      const result = await listAuditEvents(services.db, {
        search: q,
        entityType,
        entityId,
        order,
        cursor,
        limit,
      });
      return {
        data: result.rows.map((event) => ({
          ...event,
          id: String(event.id),
          occurredAt: event.occurredAt.toISOString(),
        })),
        nextCursor: result.nextCursor,
      };
    },
  );
}
