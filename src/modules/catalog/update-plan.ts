import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { validationError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { PlanWithPrices } from './catalog-types.js';
import type { CatalogContext } from './context.js';
import { findPlan, planSnapshot, withPrices } from './find-plan.js';
import { creditsProblem, planSettingsFields } from './plan-fields.js';
import { plans } from './schema.js';

const updatePlanInput = z.object(planSettingsFields).partial();

export type UpdatePlanInput = z.input<typeof updatePlanInput>;

/**
 * Changes a plan's name, trial (and whether it is once per customer), entitlements, credit
 * allocation, change timing or reactivation grace. Its code and billing interval are fixed:
 * subscribers' periods are computed from them.
 */
export async function updatePlan(
  ctx: CatalogContext,
  id: string,
  input: UpdatePlanInput,
  actor: Actor,
): Promise<PlanWithPrices> {
  const data = parseInput(updatePlanInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await findPlan(tx, id, true);
    // Nothing asked to change (e.g. a PATCH that only archives): write nothing, audit nothing.
    if (Object.values(data).every((value) => value === undefined)) return withPrices(tx, before);
    const next = {
      ...before,
      ...Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)),
      updatedAt: now,
    };
    const problem = creditsProblem(next.creditsPerPeriod, next.creditUnit);
    if (problem) throw validationError(problem);
    if (next.intervalUnit === null && next.trialDays > 0)
      throw validationError({ trialDays: 'must be 0 for a one-time purchase' });
    const [after] = await tx
      .update(plans)
      .set({
        name: next.name,
        trialDays: next.trialDays,
        entitlementKeys: next.entitlementKeys,
        creditsPerPeriod: next.creditsPerPeriod,
        creditUnit: next.creditUnit,
        upgradeTiming: next.upgradeTiming,
        downgradeTiming: next.downgradeTiming,
        oneTrialPerCustomer: next.oneTrialPerCustomer,
        reactivationGraceDays: next.reactivationGraceDays,
        updatedAt: now,
      })
      .where(eq(plans.id, id))
      .returning();
    if (!after) throw new Error('update returned no row');
    await recordAuditEvent(tx, {
      actor,
      action: 'plan.updated',
      entityType: 'plan',
      entityId: id,
      before: planSnapshot(before),
      after: planSnapshot(after),
      at: now,
    });
    return withPrices(tx, after);
  });
}
