import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { validationError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { parseInput } from '../../lib/validation.js';
import { getPlan, pricesByIds, type Price } from '../catalog/index.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { SubscriptionsContext } from './context.js';
import { persistSteps } from './persist-steps.js';
import { subscriptions } from './schema.js';
import { eventBody } from './subscription-facts.js';
import type { SubscriptionStep } from './subscription-step.js';
import type { Subscription } from './subscription-types.js';

const migrationInput = z.object({
  planId: z.string({ error: 'is required' }).trim().min(1, 'is required'),
  currency: z
    .string({ error: 'is required' })
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code')
    .transform((code) => code.toUpperCase()),
  reason: z.string().trim().max(500, 'must be at most 500 characters').optional(),
});

export type PriceMigrationInput = z.input<typeof migrationInput>;

/** One subscriber a migration moves, and what their period will cost before and after. */
export interface PriceMigrationLine {
  subscription: Subscription;
  fromPrice: Price;
  /** Per period, × quantity, in minor units. */
  fromAmount: bigint;
  toAmount: bigint;
  /** The renewal at which the new price starts. */
  effectiveAt: Date;
}

export interface PriceMigrationPreview {
  target: Price;
  lines: PriceMigrationLine[];
  /** Subscribers left alone because a plan change is already booked for their period end. */
  skipped: number;
}

// Subscriptions that still renew: only these can move to a new price.
const renewing = ['trialing', 'active', 'past_due', 'paused', 'suspended'] as const;

async function plan(db: DbOrTx, input: z.infer<typeof migrationInput>): Promise<PriceMigrationPreview> {
  const detail = await getPlan(db, input.planId).catch(() => {
    throw validationError({ planId: 'is not a plan' });
  });
  const target = detail.prices.find((price) => price.currency === input.currency);
  if (!target) throw validationError({ currency: `is not a currency ${detail.name} has a price in` });
  const rows = await db
    .select()
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.planId, detail.id),
        ne(subscriptions.priceId, target.id),
        inArray(subscriptions.state, [...renewing]),
      ),
    )
    .orderBy(asc(subscriptions.createdAt));
  const old = await pricesByIds(
    db,
    rows.map((row) => row.priceId),
  );
  const movable = rows.filter((row) => old.get(row.priceId)?.currency === input.currency);
  const free = movable.filter((row) => row.pendingPlanId === null);
  return {
    target,
    skipped: movable.length - free.length,
    lines: free.map((row) => {
      const fromPrice = old.get(row.priceId) as Price;
      return {
        subscription: row,
        fromPrice,
        fromAmount: fromPrice.amount * BigInt(row.quantity),
        toAmount: target.amount * BigInt(row.quantity),
        effectiveAt: row.currentPeriodEnd,
      };
    }),
  };
}

/** Who a move of a plan's subscribers to its current price (in one currency) would touch, and how. */
export async function previewPriceMigration(
  ctx: SubscriptionsContext,
  input: PriceMigrationInput,
): Promise<PriceMigrationPreview> {
  return plan(ctx.db, parseInput(migrationInput, input));
}

/**
 * Moves grandfathered subscribers of a plan to its current price, from each one's next renewal
 * (never mid-period: nobody is charged more for time already bought). Booked as a pending price,
 * so it shows on each subscription and can be seen before it happens.
 */
export async function migratePrices(
  ctx: SubscriptionsContext,
  input: PriceMigrationInput,
  actor: Actor,
): Promise<PriceMigrationPreview> {
  const data = parseInput(migrationInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // Lock the candidates first, then work out the same preview the operator saw.
    await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(and(eq(subscriptions.planId, data.planId), isNull(subscriptions.pendingPlanId)))
      .for('update');
    const preview = await plan(tx, data);
    const reason = data.reason || `Moves to the current price (version ${preview.target.version}) at renewal`;
    const steps: SubscriptionStep[] = preview.lines.map(({ subscription, fromAmount, toAmount }) => ({
      before: subscription,
      after: { ...subscription, pendingPriceId: preview.target.id, updatedAt: now },
      action: 'price_migration_scheduled',
      reason,
      at: now,
      charges: [],
      credits: null,
      events: [
        {
          type: 'subscription.price_migration_scheduled',
          payload: {
            ...eventBody(subscription),
            toPriceId: preview.target.id,
            fromAmount: fromAmount.toString(),
            toAmount: toAmount.toString(),
            effectiveAt: subscription.currentPeriodEnd.toISOString(),
          },
        },
      ],
    }));
    await persistSteps(tx, steps, actor, { auditAt: null, clock: ctx.clock });
    await recordAuditEvent(tx, {
      actor,
      action: 'plan.prices_migrated',
      entityType: 'plan',
      entityId: data.planId,
      after: {
        currency: data.currency,
        toVersion: preview.target.version,
        subscriptions: steps.length,
        skipped: preview.skipped,
      },
      at: now,
    });
    return preview;
  });
}
