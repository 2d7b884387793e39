import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { TaxesContext } from './context.js';
import { getTaxRate, taxRateSnapshot } from './find-tax-rate.js';
import { refuseFixedFields, type fixedTaxRateFields, taxRateFields } from './tax-rate-fields.js';
import type { TaxRate } from './tax-types.js';
import { taxRates } from './schema.js';

const updateTaxRateInput = z.object({ name: taxRateFields.name.optional() });

/** Only the name can change; the fixed fields are accepted here just to be refused with the reason. */
export type UpdateTaxRateInput = z.input<typeof updateTaxRateInput> &
  Partial<Record<(typeof fixedTaxRateFields)[number], unknown>>;

/** Renames a tax rate. Its country, region, percentage and inclusive setting are fixed. */
export async function updateTaxRate(
  ctx: TaxesContext,
  id: string,
  input: UpdateTaxRateInput,
  actor: Actor,
): Promise<TaxRate> {
  refuseFixedFields(input);
  const data = parseInput(updateTaxRateInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await getTaxRate(tx, id, true);
    // Nothing asked to change, or it already is so: write nothing, audit nothing.
    if (data.name === undefined || data.name === before.name) return before;
    const [after] = await tx
      .update(taxRates)
      .set({ name: data.name, updatedAt: now })
      .where(eq(taxRates.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: 'tax_rate.updated',
      entityType: 'tax_rate',
      entityId: id,
      before: taxRateSnapshot(before),
      after: taxRateSnapshot(after),
      at: now,
    });
    return after;
  });
}
