import { z } from 'zod';
import { AppError, validationError } from '../../lib/app-error.js';
import { parseInput } from '../../lib/validation.js';
import { recordAuditEvent, type Actor } from '../audit/index.js';
import { codeField, priceInput } from './catalog-fields.js';
import type { Plan, PlanWithPrices, Product } from './catalog-types.js';
import type { CatalogContext } from './context.js';
import { planSnapshot } from './find-plan.js';
import { findProduct } from './find-product.js';
import { intervalFields, planRulesProblem, planSettingsFields } from './plan-fields.js';
import { plans, prices } from './schema.js';

const createPlanInput = z.object({
  code: codeField,
  name: planSettingsFields.name,
  intervalUnit: intervalFields.intervalUnit,
  intervalCount: intervalFields.intervalCount.default(1),
  trialDays: planSettingsFields.trialDays.default(0),
  entitlementKeys: planSettingsFields.entitlementKeys.default([]),
  creditsPerPeriod: planSettingsFields.creditsPerPeriod.default(null),
  creditUnit: planSettingsFields.creditUnit.default(null),
  creditRolloverCap: planSettingsFields.creditRolloverCap.default(null),
  creditsOnPlanChange: planSettingsFields.creditsOnPlanChange.default('forfeit'),
  creditExpiryDays: planSettingsFields.creditExpiryDays.default(null),
  upgradeTiming: planSettingsFields.upgradeTiming.default('immediately'),
  downgradeTiming: planSettingsFields.downgradeTiming.default('period_end'),
  oneTrialPerCustomer: planSettingsFields.oneTrialPerCustomer.default(true),
  reactivationGraceDays: planSettingsFields.reactivationGraceDays.default(30),
  prices: z.array(priceInput).min(1, 'needs at least one price'),
});

export type CreatePlanInput = z.input<typeof createPlanInput>;
type PlanData = z.output<typeof createPlanInput>;

/**
 * The rules that tie a plan to its product (what kind of billing the product allows), then those
 * between its own settings. `intervalUnit` is the data's, as stored: null for one time.
 */
function ruleProblems(
  product: Product,
  data: PlanData,
  intervalUnit: Plan['intervalUnit'],
): Record<string, string> | undefined {
  if (product.kind === 'one_time' && intervalUnit !== null)
    return { intervalUnit: 'must be one_time for a one-time product' };
  if (product.kind === 'membership' && intervalUnit === null)
    return { intervalUnit: 'must repeat (day, week, month or year) for a membership' };
  const currencies = data.prices.map((price) => price.currency);
  const repeated = currencies.find((currency, index) => currencies.indexOf(currency) !== index);
  if (repeated) return { prices: `has ${repeated} more than once; one price per currency` };
  return planRulesProblem({ ...data, intervalUnit });
}

/** Adds a plan, with its first price in each currency, to a product that is on sale. */
export async function createPlan(
  ctx: CatalogContext,
  productId: string,
  input: CreatePlanInput,
  actor: Actor,
): Promise<PlanWithPrices> {
  const data = parseInput(createPlanInput, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const product = await findProduct(tx, productId, true);
    if (product.archivedAt)
      throw new AppError('conflict', 'This product is archived; restore it before adding plans.');
    const intervalUnit = data.intervalUnit === 'one_time' ? null : data.intervalUnit;
    const problems = ruleProblems(product, data, intervalUnit);
    if (problems) throw validationError(problems);
    const [plan] = await tx
      .insert(plans)
      .values({
        productId,
        code: data.code,
        name: data.name,
        intervalUnit,
        intervalCount: intervalUnit === null ? 1 : data.intervalCount,
        trialDays: data.trialDays,
        creditsPerPeriod: data.creditsPerPeriod,
        creditUnit: data.creditUnit,
        creditRolloverCap: data.creditRolloverCap,
        creditsOnPlanChange: data.creditsOnPlanChange,
        creditExpiryDays: data.creditExpiryDays,
        entitlementKeys: data.entitlementKeys,
        upgradeTiming: data.upgradeTiming,
        downgradeTiming: data.downgradeTiming,
        oneTrialPerCustomer: data.oneTrialPerCustomer,
        reactivationGraceDays: data.reactivationGraceDays,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing() // the only unique key a new plan can clash on is its code
      .returning();
    if (!plan)
      throw new AppError('conflict', 'Another plan already uses this code.', {
        fields: { code: 'is already in use' },
      });
    const planPrices = await tx
      .insert(prices)
      .values(data.prices.map((price) => ({ planId: plan.id, ...price, version: 1, createdAt: now })))
      .returning();
    await recordAuditEvent(tx, {
      actor,
      action: 'plan.created',
      entityType: 'plan',
      entityId: plan.id,
      after: {
        ...planSnapshot(plan),
        product: product.name,
        prices: planPrices.map((price) => `${price.currency} ${price.amount}`).join(', '),
      },
      at: now,
    });
    // Same order as everywhere else a plan's prices are read: by currency.
    return { ...plan, prices: planPrices.sort((a, b) => a.currency.localeCompare(b.currency)) };
  });
}
