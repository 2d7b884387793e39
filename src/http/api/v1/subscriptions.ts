import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  allowedSubscriptionActions,
  applySubscriptionAction,
  createSubscription,
  getSubscription,
  listSubscriptionCharges,
  listSubscriptionItems,
  listSubscriptions,
  subscriptionActions,
  subscriptionStates,
  type Subscription,
  type SubscriptionItem,
  type SubscriptionTransition,
} from '../../../modules/subscriptions/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { cursorPageOf, cursorQuery, errorResponse, guardedErrors, idempotencyHeaders } from '../schemas.js';
import { subscriptionChargeJson, toSubscriptionChargeJson } from './charge-json.js';

const pendingChangeJson = z
  .object({ planId: z.uuid(), priceId: z.uuid(), quantity: z.number().int() })
  .meta({ id: 'SubscriptionPendingChange' });

export const subscriptionJson = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    productId: z.uuid(),
    planId: z.uuid(),
    priceId: z.uuid().describe('The price version bought; it stays until moved explicitly'),
    state: z.enum(subscriptionStates),
    quantity: z.number().int(),
    timeZone: z.string(),
    anchorAt: z.string(),
    currentPeriodStart: z.string(),
    currentPeriodEnd: z.string(),
    trialEndsAt: z.string().nullable(),
    cancelAtPeriodEnd: z.boolean().describe('It ends when the current period ends unless this is undone'),
    canceledAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    pendingChange: pendingChangeJson
      .nullable()
      .describe(
        'Plan, price version and quantity it moves to at the period end (a downgrade, a price migration)',
      ),
    pausedAt: z.string().nullable(),
    resumeAt: z.string().nullable().describe('While paused: when it resumes by itself, if booked'),
    testClockId: z.uuid().nullable().describe("Set for sandbox subscriptions living at a test clock's time"),
    nextDueAt: z
      .string()
      .nullable()
      .describe('When the bill run next acts on it (renewal, trial end, resume …)'),
    allowedActions: z.array(z.enum(subscriptionActions)).describe('What the state machine allows now'),
    createdAt: z.string(),
  })
  .meta({ id: 'Subscription' });

const itemJson = z
  .object({
    addonId: z.uuid(),
    addonPriceId: z.uuid().describe('The add-on price version bought'),
    quantity: z.number().int(),
  })
  .meta({ id: 'SubscriptionItem' });

const transitionJson = z
  .object({
    action: z.string(),
    fromState: z.string().nullable(),
    toState: z.string(),
    reason: z.string(),
    actor: z.string(),
    occurredAt: z.string(),
  })
  .meta({ id: 'SubscriptionTransition' });

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** What a change booked for the period end moves to; a price migration books only a price. */
export function pendingChangeOf(subscription: Subscription): z.infer<typeof pendingChangeJson> | null {
  const { pendingPlanId, pendingPriceId, pendingQuantity } = subscription;
  if (pendingPlanId === null && pendingPriceId === null && pendingQuantity === null) return null;
  return {
    planId: pendingPlanId ?? subscription.planId,
    priceId: pendingPriceId ?? subscription.priceId,
    quantity: pendingQuantity ?? subscription.quantity,
  };
}

export function toSubscriptionJson(subscription: Subscription): z.infer<typeof subscriptionJson> {
  return {
    id: subscription.id,
    customerId: subscription.customerId,
    productId: subscription.productId,
    planId: subscription.planId,
    priceId: subscription.priceId,
    state: subscription.state,
    quantity: subscription.quantity,
    timeZone: subscription.timeZone,
    anchorAt: subscription.anchorAt.toISOString(),
    currentPeriodStart: subscription.currentPeriodStart.toISOString(),
    currentPeriodEnd: subscription.currentPeriodEnd.toISOString(),
    trialEndsAt: iso(subscription.trialEndsAt),
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    canceledAt: iso(subscription.canceledAt),
    endedAt: iso(subscription.endedAt),
    pendingChange: pendingChangeOf(subscription),
    pausedAt: iso(subscription.pausedAt),
    resumeAt: iso(subscription.resumeAt),
    testClockId: subscription.testClockId,
    nextDueAt: iso(subscription.nextDueAt),
    allowedActions: allowedSubscriptionActions(subscription.state),
    createdAt: subscription.createdAt.toISOString(),
  };
}

function toItemJson(item: SubscriptionItem): z.infer<typeof itemJson> {
  return { addonId: item.addonId, addonPriceId: item.addonPriceId, quantity: item.quantity };
}

function toTransitionJson(step: SubscriptionTransition): z.infer<typeof transitionJson> {
  return {
    action: step.action,
    fromState: step.fromState,
    toState: step.toState,
    reason: step.reason,
    actor: step.actorLabel,
    occurredAt: step.occurredAt.toISOString(),
  };
}

const idParams = z.object({ id: z.string().describe('Subscription id (uuid)') });

/** /api/v1/subscriptions: subscribe a customer to a plan, read the timeline, move it through its states. */
export function registerSubscriptionApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Subscriptions'];
  const ctx = services.subscriptions;

  app.get(
    '/api/v1/subscriptions',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'List subscriptions, newest first',
        querystring: z.object({
          customerId: z.string().optional(),
          planId: z.string().optional(),
          state: z.enum(subscriptionStates).optional(),
          ...cursorQuery,
        }),
        response: { 200: cursorPageOf(subscriptionJson), ...guardedErrors },
      },
    },
    async (request) => {
      const { customerId, planId, state, cursor, limit } = request.query;
      const result = await listSubscriptions(services.db, { customerId, planId, state, cursor, limit });
      return { data: result.rows.map(toSubscriptionJson), nextCursor: result.nextCursor };
    },
  );

  app.post(
    '/api/v1/subscriptions',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary: "Subscribe a customer to a recurring plan (at its current price in the customer's currency)",
        headers: idempotencyHeaders,
        body: z.object({
          customerId: z.string(),
          planId: z.string(),
          quantity: z.number().int().optional(),
          skipTrial: z.boolean().optional().describe('Start paid at once even if the plan has a trial'),
          reason: z.string().optional(),
        }),
        response: { 201: subscriptionJson, ...guardedErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return toSubscriptionJson(await createSubscription(ctx, request.body, actorOf(request)));
    },
  );

  app.get(
    '/api/v1/subscriptions/:id',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'A subscription with its add-on lines, charges not yet invoiced, and timeline',
        params: idParams,
        response: {
          200: subscriptionJson.extend({
            items: z.array(itemJson),
            charges: z.array(subscriptionChargeJson).describe('Oldest first'),
            timeline: z.array(transitionJson),
          }),
          404: errorResponse,
          ...guardedErrors,
        },
      },
    },
    async (request) => {
      const subscription = await getSubscription(services.db, request.params.id);
      const [items, charges] = await Promise.all([
        listSubscriptionItems(services.db, subscription.id),
        listSubscriptionCharges(services.db, subscription.id),
      ]);
      return {
        ...toSubscriptionJson(subscription),
        items: items.map(toItemJson),
        charges: charges.map(toSubscriptionChargeJson),
        timeline: subscription.transitions.map(toTransitionJson),
      };
    },
  );

  app.post(
    '/api/v1/subscriptions/:id/actions',
    {
      preHandler: requireRole('support'),
      schema: {
        tags,
        summary: 'Move a subscription by one action of its state machine (pause, resume, cancel …)',
        params: idParams,
        headers: idempotencyHeaders,
        body: z.object({
          action: z.enum(subscriptionActions),
          reason: z.string().describe('Why, for the timeline'),
        }),
        response: { 200: subscriptionJson, 404: errorResponse, 409: errorResponse, ...guardedErrors },
      },
    },
    async (request) =>
      toSubscriptionJson(
        await applySubscriptionAction(ctx, request.params.id, request.body, actorOf(request)),
      ),
  );
}
