import { and, desc, eq } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { priceInput, type PriceInput } from './catalog-fields.js';
import type { Price } from './catalog-types.js';
import type { CatalogContext } from './context.js';
import { findPlan } from './find-plan.js';
import { prices } from './schema.js';

/**
 * Sets a plan's price in one currency by adding a new version; the old version is closed, not
 * changed, so everyone who bought it keeps paying it (grandfathering) until moved explicitly.
 * Setting the same amounts again changes nothing.
 */
export async function setPlanPrice(
  ctx: CatalogContext,
  planId: string,
  input: PriceInput,
  actor: Actor,
): Promise<Price> {
  const data = parseInput(priceInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const plan = await findPlan(tx, planId, true);
    if (plan.archivedAt)
      throw new AppError('conflict', 'This plan is archived; restore it before changing its prices.');
    const [latest] = await tx
      .select()
      .from(prices)
      .where(and(eq(prices.planId, planId), eq(prices.currency, data.currency)))
      .orderBy(desc(prices.version))
      .limit(1);
    if (
      latest &&
      latest.supersededAt === null &&
      latest.amount === data.amount &&
      latest.setupFee === data.setupFee
    )
      return latest;
    if (latest && latest.supersededAt === null) {
      await tx.update(prices).set({ supersededAt: now }).where(eq(prices.id, latest.id));
    }
    const [price] = await tx
      .insert(prices)
      .values({ planId, ...data, version: (latest?.version ?? 0) + 1, createdAt: now })
      .returning();
    if (!price) throw new Error('insert returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: 'plan.price_set',
      entityType: 'plan',
      entityId: planId,
      before:
        latest && latest.supersededAt === null
          ? { [data.currency]: String(latest.amount), setupFee: String(latest.setupFee) }
          : null,
      after: {
        [data.currency]: String(price.amount),
        setupFee: String(price.setupFee),
        version: price.version,
      },
      at: now,
    });
    return price;
  });
}
