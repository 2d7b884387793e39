import { eq } from 'drizzle-orm';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { PlanWithPrices } from './catalog-types.js';
import type { CatalogContext } from './context.js';
import { findPlan, planSnapshot, withPrices } from './find-plan.js';
import { plans } from './schema.js';

/**
 * Archives (or restores) a plan: no new subscriptions, existing ones carry on. Plans are never
 * deleted, because subscriptions and invoices point at them.
 */
export async function setPlanArchived(
  ctx: CatalogContext,
  id: string,
  archived: boolean,
  actor: Actor,
): Promise<PlanWithPrices> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await findPlan(tx, id, true);
    if ((before.archivedAt !== null) === archived) return withPrices(tx, before);
    const [after] = await tx
      .update(plans)
      .set({ archivedAt: archived ? now : null, updatedAt: now })
      .where(eq(plans.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: archived ? 'plan.archived' : 'plan.restored',
      entityType: 'plan',
      entityId: id,
      before: planSnapshot(before),
      after: planSnapshot(after),
      at: now,
    });
    return withPrices(tx, after);
  });
}
