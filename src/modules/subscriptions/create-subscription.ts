import { and, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, validationError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import type { Actor } from '../audit/index.js';
import { getPlan } from '../catalog/index.js';
import { getCustomer } from '../customers/index.js';
import { applyPeriodCredits } from '../credits/index.js';
import { recordEvents } from '../events/index.js';
import { timeFor } from '../test-clocks/index.js';
import { periodContaining, periodStart } from './billing-period.js';
import type { SubscriptionsContext } from './context.js';
import { recordTransition } from './record-transition.js';
import { subscriptionCharges, subscriptions } from './schema.js';
import { eventBody } from './subscription-facts.js';
import { renewalCredits } from './period-credits.js';
import { withNextDue } from './subscription-step.js';
import type { Subscription } from './subscription-types.js';

const createSubscriptionInput = z.object({
  customerId: z.string({ error: 'is required' }).min(1, 'is required'),
  planId: z.string({ error: 'is required' }).min(1, 'is required'),
  quantity: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000, 'must be at most 10000')
    .default(1),
  skipTrial: z.boolean({ error: 'must be true or false' }).default(false),
  reason: z.string().trim().max(500, 'must be at most 500 characters').default(''),
});

export type CreateSubscriptionInput = z.input<typeof createSubscriptionInput>;

/**
 * Subscribes a customer to a recurring plan at the plan's current price in the customer's
 * currency. With a trial (the plan has trial days, the customer never had a trial of this
 * product, and it is not skipped) it starts trialing and billing is anchored at the trial's end;
 * otherwise it starts active, anchored now. Periods follow the customer's time zone.
 */
export async function createSubscription(
  ctx: SubscriptionsContext,
  input: CreateSubscriptionInput,
  actor: Actor,
): Promise<Subscription> {
  const data = parseInput(createSubscriptionInput, input);
  const realNow = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const customer = await getCustomer(tx, data.customerId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'not_found'
        ? validationError({ customerId: 'is not a customer' })
        : error;
    });
    if (customer.mergedIntoId)
      throw validationError({ customerId: 'was merged into another customer; subscribe that one' });
    const plan = await getPlan(tx, data.planId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'not_found'
        ? validationError({ planId: 'is not a plan' })
        : error;
    });
    if (plan.archivedAt || plan.product.archivedAt)
      throw validationError({ planId: 'is archived and can no longer be bought' });
    if (plan.intervalUnit === null)
      throw validationError({ planId: 'is a one-time purchase, not a subscription' });
    const price = plan.prices.find((candidate) => candidate.currency === customer.currency);
    if (!price)
      throw validationError({ planId: `has no price in ${customer.currency}, the customer's currency` });
    // A sandbox customer lives at its test clock's time.
    const now = await timeFor(tx, customer.testClockId, realNow);

    const [earlierTrial] = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.customerId, customer.id),
          eq(subscriptions.productId, plan.productId),
          isNotNull(subscriptions.trialEndsAt),
        ),
      )
      .limit(1);
    const trial = plan.trialDays > 0 && !data.skipTrial && !(plan.oneTrialPerCustomer && earlierTrial);
    const timeZone = customer.timeZone;
    const trialEndsAt = trial
      ? periodStart({ at: now, timeZone }, { unit: 'day', count: plan.trialDays }, 1)
      : null;
    const anchorAt = trialEndsAt ?? now;
    const firstPeriod = trialEndsAt
      ? { start: now, end: trialEndsAt }
      : periodContaining(
          { at: anchorAt, timeZone },
          { unit: plan.intervalUnit, count: plan.intervalCount },
          now,
        );

    const [subscription] = await tx
      .insert(subscriptions)
      .values(
        withNextDue(
          {
            customerId: customer.id,
            productId: plan.productId,
            planId: plan.id,
            priceId: price.id,
            state: trial ? 'trialing' : 'active',
            quantity: data.quantity,
            timeZone,
            anchorAt,
            currentPeriodStart: firstPeriod.start,
            currentPeriodEnd: firstPeriod.end,
            trialEndsAt,
            cancelAtPeriodEnd: false,
            canceledAt: null,
            endedAt: null,
            pendingPlanId: null,
            pendingPriceId: null,
            pendingQuantity: null,
            pausedAt: null,
            resumeAt: null,
            trialWillEndSentAt: null,
            testClockId: customer.testClockId,
            nextDueAt: null,
            createdAt: now,
            updatedAt: now,
          },
          plan,
        ),
      )
      .returning();
    if (!subscription) throw new Error('insert returned no row');
    const credits = renewalCredits(plan, subscription.quantity, subscription.currentPeriodEnd);
    if (credits)
      await applyPeriodCredits(tx, ctx.clock, [
        {
          customerId: subscription.customerId,
          testClockId: subscription.testClockId,
          subscriptionId: subscription.id,
          at: now,
          ...credits,
        },
      ]);
    const reason = data.reason || (trial ? `Started with a ${plan.trialDays}-day trial` : 'Started');
    await recordTransition(tx, {
      subscription,
      action: 'created',
      fromState: null,
      reason,
      actor,
      at: now,
      auditAt: realNow,
    });
    // The first paid period is billed now (a trial's first period is free); the setup fee with it.
    const firstCharges = [
      ...(trial
        ? []
        : [
            {
              kind: 'period_charge' as const,
              description: plan.name,
              amount: price.amount * BigInt(data.quantity),
              quantity: data.quantity,
            },
          ]),
      ...(price.setupFee > 0n
        ? [
            {
              kind: 'setup_fee' as const,
              description: `${plan.name} setup`,
              amount: price.setupFee,
              quantity: 1,
            },
          ]
        : []),
    ];
    if (firstCharges.length > 0) {
      await tx.insert(subscriptionCharges).values(
        firstCharges.map((charge) => ({
          ...charge,
          subscriptionId: subscription.id,
          customerId: subscription.customerId,
          testClockId: subscription.testClockId,
          currency: price.currency,
          periodStart: subscription.currentPeriodStart,
          periodEnd: subscription.currentPeriodEnd,
          createdAt: now,
        })),
      );
    }
    await recordEvents(tx, [
      {
        type: 'subscription.created',
        entityType: 'subscription',
        entityId: subscription.id,
        payload: { ...eventBody(subscription), trialEndsAt: trialEndsAt?.toISOString() ?? null },
        occurredAt: now,
      },
    ]);
    return subscription;
  });
}
