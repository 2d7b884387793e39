import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  advanceTestClock,
  createTestClock,
  deleteTestClock,
  getTestClock,
  listTestClocks,
  type TestClock,
} from '../../../modules/test-clocks/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { cursorPageOf, errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';

const testClockJson = z
  .object({
    id: z.uuid(),
    name: z.string(),
    frozenAt: z.string().describe('"Now" for the customers attached to it'),
    status: z.enum(['ready', 'advancing']),
    createdAt: z.string(),
  })
  .meta({ id: 'TestClock' });

function toTestClockJson(clock: TestClock): z.infer<typeof testClockJson> {
  return {
    id: clock.id,
    name: clock.name,
    frozenAt: clock.frozenAt.toISOString(),
    status: clock.status,
    createdAt: clock.createdAt.toISOString(),
  };
}

const idParams = z.object({ id: z.string().describe('Test clock id (uuid)') });

/**
 * /api/v1/test-clocks: sandbox clocks. Customers created with a testClockId live at the clock's
 * time; advancing it runs their renewals, trial ends, booked cancellations and resumes in order.
 */
export function registerTestClockApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Test clocks'];
  const ctx = services.testClocks;

  app.get(
    '/api/v1/test-clocks',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'Every test clock, newest first (they are few: always one page)',
        response: { 200: cursorPageOf(testClockJson), ...guardedErrors },
      },
    },
    async () => ({ data: (await listTestClocks(services.db)).map(toTestClockJson), nextCursor: null }),
  );

  app.post(
    '/api/v1/test-clocks',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary: 'Create a test clock, frozen at the given time (default: now)',
        headers: idempotencyHeaders,
        body: z.object({
          name: z.string(),
          frozenAt: z.string().optional().describe('ISO 8601, e.g. 2027-01-31T00:00:00Z'),
        }),
        response: { 201: testClockJson, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toTestClockJson(await createTestClock(ctx, request.body, actorOf(request)));
    },
  );

  app.get(
    '/api/v1/test-clocks/:id',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'A test clock',
        params: idParams,
        response: { 200: testClockJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => toTestClockJson(await getTestClock(services.db, request.params.id)),
  );

  app.post(
    '/api/v1/test-clocks/:id/advance',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary: 'Move the clock forward, running everything that falls due on the way, in time order',
        params: idParams,
        headers: idempotencyHeaders,
        body: z.object({
          to: z.string().describe('ISO 8601; after the clock’s time, at most 5 years later'),
        }),
        response: {
          200: z.object({
            clock: testClockJson,
            handled: z.number().int().describe('Items of due work run (renewals, trial ends …)'),
          }),
          404: errorResponse,
          409: errorResponse,
          ...guardedErrors,
        },
      },
    },
    async (request) => {
      const { clock, handled } = await advanceTestClock(
        ctx,
        request.params.id,
        request.body,
        actorOf(request),
      );
      return { clock: toTestClockJson(clock), handled };
    },
  );

  app.delete(
    '/api/v1/test-clocks/:id',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary: 'Retire a test clock; its customers stay, frozen at its last time',
        params: idParams,
        response: { 204: z.null(), 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request, reply) => {
      await deleteTestClock(ctx, request.params.id, actorOf(request));
      return reply.code(204).send(null);
    },
  );
}
