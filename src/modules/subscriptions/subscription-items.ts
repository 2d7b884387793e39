import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, validationError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { addonPricesByIds, findAddonPrice, getAddon, type AddonDetail } from '../catalog/index.js';
import { prorate } from './proration.js';
import { subscriptionItems } from './schema.js';
import type { SubscriptionChange } from './subscription-changes.js';
import { eventBody, intervalOf, loadFacts, planOf, priceOf } from './subscription-facts.js';
import { withNextDue, type ChargeLine, type ItemChange } from './subscription-step.js';

export type SubscriptionItem = typeof subscriptionItems.$inferSelect;

/** A subscription's add-on lines, oldest first. */
export async function listSubscriptionItems(db: DbOrTx, subscriptionId: string): Promise<SubscriptionItem[]> {
  return db
    .select()
    .from(subscriptionItems)
    .where(eq(subscriptionItems.subscriptionId, subscriptionId))
    .orderBy(subscriptionItems.createdAt);
}

const setItemInput = z.object({
  addonId: z.string({ error: 'is required' }).trim().min(1, 'is required'),
  quantity: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (remove) or more')
    .max(10_000, 'must be at most 10000'),
  prorate: z.boolean({ error: 'must be true or false' }).default(true),
});

async function addonFor(tx: DbOrTx, addonId: string): Promise<AddonDetail> {
  return getAddon(tx, addonId).catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'not_found'
      ? validationError({ addonId: 'is not an add-on' })
      : error;
  });
}

/**
 * Adds, changes or removes an add-on (quantity 0 removes). Choosing another option of the same
 * option group replaces the one held. The difference for the rest of the period is charged or
 * credited now, prorated to the second, like an upgrade; later periods bill the new lines in full.
 */
export const setSubscriptionItem: SubscriptionChange<typeof setItemInput> = {
  input: setItemInput,
  async build(tx, row, input, at) {
    if (!['trialing', 'active', 'past_due'].includes(row.state))
      throw new AppError(
        'conflict',
        `Cannot change add-ons of a subscription that is ${row.state.replace('_', ' ')}.`,
      );
    const facts = await loadFacts(tx, [row]);
    const plan = planOf(facts, row.planId);
    const currency = priceOf(facts, row.priceId).currency;
    const addon = await addonFor(tx, input.addonId);
    if (addon.productId !== row.productId)
      throw validationError({ addonId: "belongs to another product than the subscription's" });
    const held = await listSubscriptionItems(tx, row.id);
    const current = held.find((item) => item.addonId === addon.id);
    if (!current && input.quantity === 0)
      throw validationError({ quantity: 'is 0 but the subscription does not have this add-on' });
    if (current?.quantity === input.quantity)
      throw validationError({ quantity: 'is what the subscription already has' });
    if (input.quantity > addon.maxQuantity)
      throw validationError({ quantity: `must be at most ${addon.maxQuantity} for ${addon.name}` });

    const changes: ItemChange[] = [];
    if (input.quantity > 0) {
      if (addon.archivedAt && !current)
        throw validationError({ addonId: 'is archived and can no longer be bought' });
      // Holding it already keeps the price version bought; a new line is bought at today's price.
      const price = current
        ? { id: current.addonPriceId }
        : await findAddonPrice(tx, addon.id, currency, intervalOf(plan));
      if (!price)
        throw validationError({
          addonId: `has no ${currency} price for a ${plan.intervalCount}-${plan.intervalUnit ?? ''} plan`,
        });
      changes.push({ addonId: addon.id, addonPriceId: price.id, quantity: input.quantity });
      if (addon.optionGroup && !current) {
        // The other choice held in the same option group gives way (one query per held line: few).
        for (const item of held.filter((line) => line.addonId !== addon.id)) {
          if ((await getAddon(tx, item.addonId)).optionGroup === addon.optionGroup)
            changes.push({ addonId: item.addonId, addonPriceId: item.addonPriceId, quantity: 0 });
        }
      }
    } else if (current) {
      changes.push({ addonId: addon.id, addonPriceId: current.addonPriceId, quantity: 0 });
    }

    const priceById = await addonPricesByIds(
      tx,
      changes.map((change) => change.addonPriceId),
    );
    const heldQuantity = (addonId: string) => held.find((item) => item.addonId === addonId)?.quantity ?? 0;
    const delta = changes.reduce((sum, change) => {
      const unit = priceById.get(change.addonPriceId)?.amount ?? 0n;
      return sum + unit * BigInt(change.quantity - heldQuantity(change.addonId));
    }, 0n);
    const charges: ChargeLine[] = [];
    if (input.prorate && row.state !== 'trialing' && delta !== 0n) {
      const period = { start: row.currentPeriodStart, end: row.currentPeriodEnd };
      const share = prorate({ amount: delta < 0n ? -delta : delta, currency }, period, at, period.end).amount;
      charges.push({
        kind: delta > 0n ? 'proration_charge' : 'proration_credit',
        description: `${addon.name}: ${current?.quantity ?? 0} → ${input.quantity} for the rest of the period`,
        amount: delta > 0n ? share : -share,
        currency,
        periodStart: at,
        periodEnd: period.end,
      });
    }
    const after = withNextDue({ ...row, updatedAt: at }, plan);
    return {
      before: row,
      after,
      at,
      charges,
      items: changes,
      credits: null,
      action: 'addons_changed',
      reason: `${addon.name}: ${current?.quantity ?? 0} → ${input.quantity}`,
      events: [
        {
          type: 'subscription.addons_changed',
          payload: { ...eventBody(after), items: changes.map((change) => ({ ...change })) },
        },
      ],
    };
  },
};
