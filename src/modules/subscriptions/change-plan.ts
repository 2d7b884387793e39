import { z } from 'zod';
import { AppError, validationError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { getPlan, type Plan, type PlanDetail } from '../catalog/index.js';
import { periodContaining } from './billing-period.js';
import type { PeriodCredits } from './period-credits.js';
import { planChangeProration, prorate } from './proration.js';
import { itemCount } from './recurring-amount.js';
import type { SubscriptionChange } from './subscription-changes.js';
import { eventBody, intervalOf, loadFacts, planOf, priceOf, sameInterval } from './subscription-facts.js';
import { withNextDue, type ChargeLine } from './subscription-step.js';
import type { Subscription } from './subscription-types.js';

const changePlanInput = z.object({
  planId: z.string().trim().min(1, 'is required').optional().describe('Default: the current plan'),
  quantity: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(10_000, 'must be at most 10000')
    .optional(),
  timing: z
    .enum(['now', 'period_end'], { error: 'must be now or period_end' })
    .optional()
    .describe("Default: the new plan's setting for upgrades or downgrades"),
  prorate: z.boolean({ error: 'must be true or false' }).default(true),
});

// Nominal interval lengths in seconds, only to compare per-time prices of plans with different intervals.
const nominalSeconds = { day: 86_400n, week: 604_800n, month: 2_629_746n, year: 31_556_952n } as const;

function perPeriodSeconds(plan: Plan): bigint {
  const { unit, count } = intervalOf(plan);
  return nominalSeconds[unit] * BigInt(count);
}

async function targetPlan(tx: DbOrTx, row: Subscription, planId: string | undefined): Promise<PlanDetail> {
  const plan = await getPlan(tx, planId ?? row.planId).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'not_found'
      ? validationError({ planId: 'is not a plan' })
      : error;
  });
  if (plan.id === row.planId) return plan;
  if (plan.productId !== row.productId)
    throw validationError({
      planId: "belongs to another product; a plan change stays within the subscription's product",
    });
  if (plan.archivedAt) throw validationError({ planId: 'is archived and can no longer be bought' });
  if (plan.intervalUnit === null)
    throw validationError({ planId: 'is a one-time purchase, not a subscription' });
  return plan;
}

/**
 * Credits after an immediate change: the old plan's unspent credits go as the old plan says
 * (forfeited, or carried into pay-as-you-go), and the new plan grants its share of what is left of
 * the period. Upgrading in the last hour yields the last hour's share — never a whole period's
 * allocation for a sliver of payment (the "credit gaming" case). A new schedule (another interval)
 * is paid in full, so it grants the whole allocation.
 */
function planChangeCredits(
  from: Plan,
  to: { plan: Plan; quantity: number },
  period: { start: Date; end: Date },
  at: Date,
): PeriodCredits | null {
  const unit = to.plan.creditUnit ?? from.creditUnit;
  if (!unit) return null;
  const whole = to.plan.creditUnit === unit ? (to.plan.creditsPerPeriod ?? 0n) * BigInt(to.quantity) : 0n;
  const share =
    period.start.getTime() === at.getTime()
      ? whole
      : prorate({ amount: whole, currency: 'XXX' }, period, at, period.end).amount;
  return { unit, grant: share, expiresAt: period.end, unspent: { kind: from.creditsOnPlanChange } };
}

/** Change plan and/or quantity: an upgrade now with proration, or a change booked for the period end. */
export const changePlan: SubscriptionChange<typeof changePlanInput> = {
  input: changePlanInput,
  async build(tx, row, input, at) {
    if (!['trialing', 'active', 'past_due'].includes(row.state)) {
      throw new AppError(
        'conflict',
        `Cannot change the plan of a subscription that is ${row.state.replace('_', ' ')}.`,
      );
    }
    const facts = await loadFacts(tx, [row]);
    const oldPlan = planOf(facts, row.planId);
    const oldPrice = priceOf(facts, row.priceId);
    const plan = await targetPlan(tx, row, input.planId);
    // Staying on the plan keeps the price version bought (grandfathering); a new plan is bought at today's price.
    const price =
      plan.id === row.planId
        ? oldPrice
        : plan.prices.find((candidate) => candidate.currency === oldPrice.currency);
    if (!price)
      throw validationError({ planId: `has no price in ${oldPrice.currency}, the subscription's currency` });
    const quantity = input.quantity ?? row.quantity;
    if (plan.id === row.planId && quantity === row.quantity)
      throw validationError({ planId: 'is the current plan and quantity; choose another plan or quantity' });
    if (!sameInterval(plan, oldPlan) && (await itemCount(tx, row.id)) > 0)
      throw validationError({
        planId: 'bills at another interval; remove the add-ons first, they are priced per interval',
      });

    const oldTotal = oldPrice.amount * BigInt(row.quantity);
    const newTotal = price.amount * BigInt(quantity);
    // Compare per unit of time: 60 a year is a downgrade from 10 a month.
    const upgrade = newTotal * perPeriodSeconds(oldPlan) >= oldTotal * perPeriodSeconds(plan);
    const planTiming = upgrade ? plan.upgradeTiming : plan.downgradeTiming;
    const timing =
      row.state === 'trialing'
        ? 'now'
        : (input.timing ?? (planTiming === 'immediately' ? 'now' : 'period_end'));
    const body = {
      fromPlanId: row.planId,
      fromPriceId: row.priceId,
      fromQuantity: row.quantity,
      direction: upgrade ? 'upgrade' : 'downgrade',
    };

    if (timing === 'period_end') {
      const after = withNextDue(
        {
          ...row,
          pendingPlanId: plan.id,
          pendingPriceId: price.id,
          pendingQuantity: quantity,
          updatedAt: at,
        },
        oldPlan,
      );
      return {
        before: row,
        after,
        at,
        charges: [],
        credits: null,
        action: 'plan_change_scheduled',
        reason: `${upgrade ? 'Upgrade' : 'Downgrade'} to ${plan.name} × ${quantity} booked for the period end`,
        events: [
          {
            type: 'subscription.plan_change_scheduled',
            payload: {
              ...eventBody(row),
              ...body,
              toPlanId: plan.id,
              toPriceId: price.id,
              toQuantity: quantity,
              effectiveAt: row.currentPeriodEnd.toISOString(),
            },
          },
        ],
      };
    }

    const period = { start: row.currentPeriodStart, end: row.currentPeriodEnd };
    const charges: ChargeLine[] = [];
    let next: Subscription = {
      ...row,
      planId: plan.id,
      priceId: price.id,
      quantity,
      pendingPlanId: null,
      pendingPriceId: null,
      pendingQuantity: null,
      updatedAt: at,
    };
    let credits: PeriodCredits | null = null;
    if (row.state !== 'trialing') {
      const currency = oldPrice.currency;
      const line = (
        kind: ChargeLine['kind'],
        description: string,
        amount: bigint,
        start: Date,
        end: Date,
      ) => {
        if (amount !== 0n)
          charges.push({ kind, description, amount, currency, periodStart: start, periodEnd: end });
      };
      if (sameInterval(plan, oldPlan)) {
        const proration = planChangeProration(
          { amount: oldTotal, currency },
          { amount: newTotal, currency },
          period,
          at,
        );
        if (input.prorate) {
          line(
            'proration_credit',
            `Unused time on ${oldPlan.name} × ${row.quantity}`,
            -proration.credit.amount,
            at,
            period.end,
          );
          line(
            'proration_charge',
            `Remaining time on ${plan.name} × ${quantity}`,
            proration.charge.amount,
            at,
            period.end,
          );
        }
        credits = planChangeCredits(oldPlan, { plan, quantity }, period, at);
      } else {
        // Another interval starts a new schedule now: the unused old time is credited and the new period billed in full.
        const newPeriod = periodContaining({ at, timeZone: row.timeZone }, intervalOf(plan), at);
        if (input.prorate)
          line(
            'proration_credit',
            `Unused time on ${oldPlan.name} × ${row.quantity}`,
            -prorate({ amount: oldTotal, currency }, period, at, period.end).amount,
            at,
            period.end,
          );
        line('period_charge', `${plan.name} × ${quantity}`, newTotal, newPeriod.start, newPeriod.end);
        next = {
          ...next,
          anchorAt: at,
          currentPeriodStart: newPeriod.start,
          currentPeriodEnd: newPeriod.end,
        };
        credits = planChangeCredits(oldPlan, { plan, quantity }, newPeriod, newPeriod.start);
      }
    } else {
      // A trial stays a trial on the new plan: its credits follow the same rule as a paid period's.
      credits = planChangeCredits(oldPlan, { plan, quantity }, period, at);
    }
    const after = withNextDue(next, plan);
    const net = charges.reduce((sum, charge) => sum + charge.amount, 0n);
    return {
      before: row,
      after,
      at,
      charges,
      credits,
      action: 'plan_changed',
      reason: `${upgrade ? 'Upgraded' : 'Downgraded'} to ${plan.name} × ${quantity}`,
      events: [
        {
          type: 'subscription.plan_changed',
          payload: {
            ...eventBody(after),
            ...body,
            net: net.toString(),
            credits: credits && {
              unit: credits.unit,
              grant: credits.grant.toString(),
              unspent: credits.unspent.kind,
            },
            scheduled: false,
          },
        },
      ],
    };
  },
};
