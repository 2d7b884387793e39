import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pricesByIds } from '../../../modules/catalog/index.js';
import {
  cancelSubscription,
  changePlan,
  commitChange,
  extendSubscription,
  pauseSubscription,
  previewChange,
  reactivateSubscription,
  resumeSubscription,
  setSubscriptionItem,
  stepTotal,
  subscriptionStates,
  undoCancellation,
  type SubscriptionChange,
  type SubscriptionStep,
} from '../../../modules/subscriptions/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';
import { chargeLineJson, minorUnitsString, moneyJson, toChargeLineJson } from './charge-json.js';
import { pendingChangeOf, subscriptionJson, toSubscriptionJson } from './subscriptions.js';

const stepJson = z
  .object({
    effectiveAt: z
      .string()
      .describe('The instant the change is worked out at; send it back as quotedAt to commit exactly this'),
    action: z.string().nullable().describe('Its name on the timeline (plan_changed, cancel, pause …)'),
    state: z.enum(subscriptionStates).describe('The state after the change'),
    period: z.object({ start: z.string(), end: z.string() }).describe('The current period after the change'),
    charges: z.array(chargeLineJson).describe('Money the change books now, to be invoiced'),
    total: moneyJson.describe('Sum of the charges; negative: the customer is owed (a credit)'),
    scheduledChange: z
      .object({
        planId: z.uuid(),
        priceId: z.uuid(),
        quantity: z.number().int(),
        effectiveAt: z.string().describe('The period end, when it applies'),
      })
      .nullable()
      .describe('A change booked for the period end, after this change'),
    cancelAtPeriodEnd: z.boolean(),
    credits: z
      .object({
        unit: z.string(),
        grant: minorUnitsString.describe('Credits granted, spendable until expiresAt'),
        expiresAt: z.string(),
        unspent: z
          .enum(['rollover', 'forfeit', 'carry'])
          .describe(
            'What becomes of unspent credits first: carried over up to rolloverCap, forfeited, or kept as pay-as-you-go',
          ),
        rolloverCap: minorUnitsString.nullable(),
      })
      .nullable()
      .describe("The plan's credits the change grants, if any"),
    items: z
      .array(z.object({ addonId: z.uuid(), addonPriceId: z.uuid(), quantity: z.number().int() }))
      .describe('Add-on lines the change sets (quantity 0 = removed); empty for most changes'),
    subscription: subscriptionJson.describe('The whole subscription after the change'),
  })
  .meta({ id: 'SubscriptionChangePreview' });

type StepJson = z.infer<typeof stepJson>;

/** The step as JSON; the total's currency is the subscription's even when nothing is charged. */
async function toStepJson(services: AppServices, step: SubscriptionStep): Promise<StepJson> {
  const { after } = step;
  const currency =
    step.charges[0]?.currency ??
    (await pricesByIds(services.db, [after.priceId])).get(after.priceId)?.currency;
  if (!currency) throw new Error(`price ${after.priceId} of subscription ${after.id} is missing`);
  const pending = pendingChangeOf(after);
  return {
    effectiveAt: step.at.toISOString(),
    action: step.action,
    state: after.state,
    period: { start: after.currentPeriodStart.toISOString(), end: after.currentPeriodEnd.toISOString() },
    charges: step.charges.map(toChargeLineJson),
    total: { amount: stepTotal(step).toString(), currency },
    scheduledChange: pending && { ...pending, effectiveAt: after.currentPeriodEnd.toISOString() },
    cancelAtPeriodEnd: after.cancelAtPeriodEnd,
    credits: step.credits && {
      unit: step.credits.unit,
      grant: step.credits.grant.toString(),
      expiresAt: step.credits.expiresAt.toISOString(),
      unspent: step.credits.unspent.kind,
      rolloverCap: step.credits.unspent.kind === 'rollover' ? step.credits.unspent.cap.toString() : null,
    },
    items: step.items ?? [],
    subscription: toSubscriptionJson(after),
  };
}

// What every change's body may carry besides its own fields.
const commonBody = {
  reason: z
    .string()
    .optional()
    .describe('Why, for the timeline (commit only; a default is written otherwise)'),
  quotedAt: z
    .string()
    .optional()
    .describe("A preview's effectiveAt (at most an hour old): commit exactly what that preview showed"),
};

const idParams = z.object({ id: z.string().describe('Subscription id (uuid)') });

interface ChangeRoute<Input extends z.ZodType> {
  /** The last part of the address: /api/v1/subscriptions/:id/<path>. */
  path: string;
  summary: string;
  change: SubscriptionChange<Input>;
  /** The body as documented; the change's own input schema gives the field-by-field refusals. */
  body: z.ZodObject;
}

/**
 * A change as two routes: `…/preview` works out the step and writes nothing (viewer: it shows only
 * prices a viewer can read in the catalog anyway), and the commit writes the very same step
 * (support, Idempotency-Key). Both answer the same shape, so a commit with the preview's
 * effectiveAt as quotedAt answers exactly what the preview did.
 */
function registerChangeRoutes<Input extends z.ZodType>(
  app: FastifyInstance,
  services: AppServices,
  route: ChangeRoute<Input>,
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const url = `/api/v1/subscriptions/:id/${route.path}`;
  const body = route.body.extend(commonBody);
  const response = { 200: stepJson, 404: errorResponse, 409: errorResponse, ...guardedErrors };
  const tags = ['Subscription changes'];

  typed.post(
    `${url}/preview`,
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: `Preview: ${route.summary} — changes nothing (viewer role)`,
        params: idParams,
        // Every API POST takes a key (http/plugins/idempotency.ts), a preview too.
        headers: idempotencyHeaders,
        body,
        response,
      },
    },
    async (request) =>
      toStepJson(
        services,
        await previewChange(services.subscriptions, request.params.id, route.change, request.body),
      ),
  );

  typed.post(
    url,
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary: `${route.summary} (support role)`,
        params: idParams,
        headers: idempotencyHeaders,
        body,
        response,
      },
    },
    async (request) =>
      toStepJson(
        services,
        await commitChange(
          services.subscriptions,
          request.params.id,
          route.change,
          request.body,
          actorOf(request),
        ),
      ),
  );
}

const timing = z.enum(['now', 'period_end']);

/** /api/v1/subscriptions/:id/<change>[/preview]: every change a person can make, previewed or made. */
export function registerSubscriptionChangeApi(app: FastifyInstance, services: AppServices): void {
  const register = <Input extends z.ZodType>(route: ChangeRoute<Input>) =>
    registerChangeRoutes(app, services, route);

  register({
    path: 'change-plan',
    summary: 'Change plan and/or quantity: now with proration, or booked for the period end',
    change: changePlan,
    body: z.object({
      planId: z.string().optional().describe('A plan of the same product; default: the current plan'),
      quantity: z.number().int().optional(),
      timing: timing.optional().describe("Default: the plan's setting for upgrades or downgrades"),
      prorate: z.boolean().optional().describe('Default true: charge and credit the rest of the period'),
    }),
  });
  register({
    path: 'cancel',
    summary: 'Cancel at the period end (default) or now, optionally crediting the unused time',
    change: cancelSubscription,
    body: z.object({
      when: timing.optional().describe('Default period_end'),
      prorate: z.boolean().optional().describe('With when=now: credit the unused part of the period'),
    }),
  });
  register({
    path: 'undo-cancel',
    summary: 'Take back a cancellation booked for the period end',
    change: undoCancellation,
    body: z.object({}),
  });
  register({
    path: 'pause',
    summary: 'Pause access and billing, keeping the time left in the period',
    change: pauseSubscription,
    body: z.object({
      resumeAt: z.string().optional().describe('Resume by itself at this time (ISO 8601)'),
    }),
  });
  register({
    path: 'resume',
    summary: 'Resume a paused subscription; the time left when it paused runs again from now',
    change: resumeSubscription,
    body: z.object({}),
  });
  register({
    path: 'extend',
    summary: 'Give free time: the current period ends this many calendar days later',
    change: extendSubscription,
    body: z.object({ days: z.number().int() }),
  });
  register({
    path: 'reactivate',
    summary: "Take back a canceled subscription within its plan's grace window",
    change: reactivateSubscription,
    body: z.object({}),
  });
  register({
    path: 'items',
    summary: 'Add, change or remove an add-on line (quantity 0 removes), prorated',
    change: setSubscriptionItem,
    body: z.object({
      addonId: z.string(),
      quantity: z.number().int().describe('0 removes the line'),
      prorate: z.boolean().optional().describe('Default true: charge or credit the rest of the period'),
    }),
  });
}
