import { eq } from 'drizzle-orm';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { TaxesContext } from './context.js';
import { getTaxRate, refuseActiveTwin, taxRateSnapshot } from './find-tax-rate.js';
import type { TaxRate } from './tax-types.js';
import { taxRates } from './schema.js';

/**
 * Archives (or restores) a tax rate: an archived rate is no longer applied to new invoices, and
 * invoices made with it keep it. Restoring is refused while another rate is active for the place.
 */
export async function setTaxRateArchived(
  ctx: TaxesContext,
  id: string,
  archived: boolean,
  actor: Actor,
): Promise<TaxRate> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await getTaxRate(tx, id, true);
    if ((before.archivedAt !== null) === archived) return before;
    if (!archived) await refuseActiveTwin(tx, before, id);
    const [after] = await tx
      .update(taxRates)
      .set({ archivedAt: archived ? now : null, updatedAt: now })
      .where(eq(taxRates.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: archived ? 'tax_rate.archived' : 'tax_rate.restored',
      entityType: 'tax_rate',
      entityId: id,
      before: taxRateSnapshot(before),
      after: taxRateSnapshot(after),
      at: now,
    });
    return after;
  });
}
