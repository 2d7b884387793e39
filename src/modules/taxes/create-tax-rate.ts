import { z } from 'zod';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { TaxesContext } from './context.js';
import { refuseActiveTwin, taxRateSnapshot } from './find-tax-rate.js';
import { taxRateFields } from './tax-rate-fields.js';
import type { TaxRate } from './tax-types.js';
import { taxRates } from './schema.js';

const createTaxRateInput = z.object({
  ...taxRateFields,
  region: taxRateFields.region.default(null),
  inclusive: taxRateFields.inclusive.default(false),
});

export type CreateTaxRateInput = z.input<typeof createTaxRateInput>;

/** Adds a tax rate for a country (or one region of it); one active rate per place. */
export async function createTaxRate(
  ctx: TaxesContext,
  input: CreateTaxRateInput,
  actor: Actor,
): Promise<TaxRate> {
  const { percent, ...data } = parseInput(createTaxRateInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await refuseActiveTwin(tx, data);
    const [rate] = await tx
      .insert(taxRates)
      .values({ ...data, ratePpm: percent, createdAt: now, updatedAt: now })
      .returning();
    if (!rate) throw new Error('insert returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: 'tax_rate.created',
      entityType: 'tax_rate',
      entityId: rate.id,
      after: taxRateSnapshot(rate),
      at: now,
    });
    return rate;
  });
}
