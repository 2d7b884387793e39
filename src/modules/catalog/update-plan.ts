import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { validationError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import type { PlanWithPrices } from './catalog-types.js';
import type { CatalogContext } from './context.js';
import { findPlan, planSnapshot, withPrices } from './find-plan.js';
import { planRulesProblem, planSettingsFields } from './plan-fields.js';
import { plans } from './schema.js';

const updatePlanInput = z.object(planSettingsFields).partial();

export type UpdatePlanInput = z.input<typeof updatePlanInput>;

/**
 * Changes a plan's name, trial (and whether it is once per customer), entitlements, credit
 * allocation and its rules (rollover, plan change, a pack's expiry), change timing or reactivation
 * grace. Its code and billing interval are fixed: subscribers' periods are computed from them.
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
    const problems = planRulesProblem(next);
    if (problems) throw validationError(problems);
    const [after] = await tx
      .update(plans)
      .set({
        name: next.name,
        trialDays: next.trialDays,
        entitlementKeys: next.entitlementKeys,
        creditsPerPeriod: next.creditsPerPeriod,
        creditUnit: next.creditUnit,
        creditRolloverCap: next.creditRolloverCap,
        creditsOnPlanChange: next.creditsOnPlanChange,
        creditExpiryDays: next.creditExpiryDays,
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
