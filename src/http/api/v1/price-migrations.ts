import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getPlan } from '../../../modules/catalog/index.js';
import {
  migratePrices,
  previewPriceMigration,
  type PriceMigrationPreview,
} from '../../../modules/subscriptions/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';
import { minorUnitsString } from './charge-json.js';

const migrationJson = z
  .object({
    targetPriceId: z.uuid().describe("The plan's current price in the currency, which subscribers move to"),
    targetVersion: z.number().int(),
    count: z.number().int().describe('Subscriptions moved (or, in a preview, that would move)'),
    skipped: z
      .number()
      .int()
      .describe('Left alone because a plan change is already booked for their period end'),
    lines: z.array(
      z.object({
        subscriptionId: z.uuid(),
        customerId: z.uuid(),
        fromPriceId: z.uuid(),
        fromAmount: minorUnitsString.describe('Per period × quantity, before'),
        toAmount: minorUnitsString.describe('Per period × quantity, from the next renewal'),
        effectiveAt: z.string().describe('The renewal at which the new price starts'),
      }),
    ),
  })
  .meta({ id: 'PriceMigration' });

function toMigrationJson(preview: PriceMigrationPreview): z.infer<typeof migrationJson> {
  return {
    targetPriceId: preview.target.id,
    targetVersion: preview.target.version,
    count: preview.lines.length,
    skipped: preview.skipped,
    lines: preview.lines.map((line) => ({
      subscriptionId: line.subscription.id,
      customerId: line.subscription.customerId,
      fromPriceId: line.fromPrice.id,
      fromAmount: line.fromAmount.toString(),
      toAmount: line.toAmount.toString(),
      effectiveAt: line.effectiveAt.toISOString(),
    })),
  };
}

const idParams = z.object({ id: z.string().describe('Plan id (uuid)') });
const body = z.object({
  currency: z.string().describe('ISO 4217: subscribers paying in this currency move to its current price'),
  reason: z.string().optional().describe('For the timelines (commit only)'),
});

/**
 * /api/v1/plans/:id/price-migrations[/preview]: move grandfathered subscribers of a plan to its
 * current price at their next renewal. Preview for viewers; the move decides what people pay, so
 * it needs a manager, as setting prices does.
 */
export function registerPriceMigrationApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Catalog'];
  const response = { 200: migrationJson, 404: errorResponse, ...guardedErrors };
  // The plan is the address: an unknown one is a 404, not a refused field.
  const input = async (planId: string, fields: z.infer<typeof body>) => {
    await getPlan(services.db, planId);
    return { planId, ...fields };
  };

  app.post(
    '/api/v1/plans/:id/price-migrations/preview',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'Preview moving subscribers of a plan to its current price — changes nothing (viewer role)',
        params: idParams,
        // Every API POST takes a key (http/plugins/idempotency.ts), a preview too.
        headers: idempotencyHeaders,
        body,
        response,
      },
    },
    async (request) =>
      toMigrationJson(
        await previewPriceMigration(services.subscriptions, await input(request.params.id, request.body)),
      ),
  );

  app.post(
    '/api/v1/plans/:id/price-migrations',
    {
      preHandler: requireRole('manager'),
      schema: {
        tags,
        summary: "Move a plan's subscribers to its current price from each one's next renewal (manager role)",
        params: idParams,
        headers: idempotencyHeaders,
        body,
        response,
      },
    },
    async (request) =>
      toMigrationJson(
        await migratePrices(
          services.subscriptions,
          await input(request.params.id, request.body),
          actorOf(request),
        ),
      ),
  );
}
