import { z } from 'zod';
import { isUnit } from '../ledger/index.js';
import type { Plan } from './catalog-types.js';
import {
  billingUnits,
  changeTimings,
  creditPlanChangeRules,
  entitlementKeyField,
  minorUnitsField,
  nameField,
} from './catalog-fields.js';

// The unit names ledger accounts (customer:<id>:credits:<unit>), so the ledger's rule decides.
const creditUnitRule =
  'must start with a letter and hold only letters, digits, _ and single spaces, at most 40 characters (e.g. credits, GPU minutes)';

/** What can change on a plan after it is created (its code and billing interval cannot). */
export const planSettingsFields = {
  name: nameField,
  trialDays: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(730, 'must be at most 730'),
  entitlementKeys: z.array(entitlementKeyField).max(50, 'at most 50 keys'),
  creditsPerPeriod: minorUnitsField(1).nullable(),
  creditUnit: z.string().trim().min(1, 'is required with credits').refine(isUnit, creditUnitRule).nullable(),
  // Null: unspent credits expire at period end.
  creditRolloverCap: minorUnitsField(1).nullable(),
  creditsOnPlanChange: z.enum(creditPlanChangeRules, { error: 'must be forfeit or carry' }),
  // Null: a pack's credits never expire.
  creditExpiryDays: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(3650, 'must be at most 3650')
    .nullable(),
  upgradeTiming: z.enum(changeTimings, { error: 'must be immediately or period_end' }),
  downgradeTiming: z.enum(changeTimings, { error: 'must be immediately or period_end' }),
  // Whether a customer who already had a trial of the product (on any of its plans) gets another.
  oneTrialPerCustomer: z.boolean({ error: 'must be true or false' }),
  // How long after a cancellation the customer may take the subscription back; 0: never.
  reactivationGraceDays: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(3650, 'must be at most 3650'),
};

export const intervalFields = {
  intervalUnit: z.enum(billingUnits, { error: `must be one of ${billingUnits.join(', ')}` }),
  intervalCount: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(365, 'must be at most 365'),
};

/** The settings of a plan that must agree with one another; a null interval unit is a one-time plan. */
type PlanRules = Pick<
  Plan,
  | 'intervalUnit'
  | 'trialDays'
  | 'creditsPerPeriod'
  | 'creditUnit'
  | 'creditRolloverCap'
  | 'creditsOnPlanChange'
  | 'creditExpiryDays'
>;

/**
 * Field errors of settings that contradict one another, or undefined. Credits come as an amount
 * and a unit together; rollover and plan changes concern recurring periods, expiry a one-time pack.
 */
export function planRulesProblem(plan: PlanRules): Record<string, string> | undefined {
  const oneTime = plan.intervalUnit === null;
  const credits = plan.creditsPerPeriod !== null;
  if (credits && !plan.creditUnit)
    return { creditUnit: 'is required with credits (e.g. credits, GPU minutes)' };
  if (!credits && plan.creditUnit) return { creditsPerPeriod: 'is required with a credit unit' };
  const problems: Record<string, string> = {};
  if (oneTime && plan.trialDays > 0) problems['trialDays'] = 'must be 0 for a one-time purchase';
  // 'forfeit' is the default, and says nothing when there is nothing to forfeit; only 'carry' is a choice.
  const recurringRules = {
    creditRolloverCap: plan.creditRolloverCap !== null,
    creditsOnPlanChange: plan.creditsOnPlanChange === 'carry',
  };
  for (const [field, set] of Object.entries(recurringRules)) {
    if (!set) continue;
    if (oneTime) problems[field] = 'only applies to a recurring plan';
    else if (!credits) problems[field] = 'needs credits per period';
  }
  if (plan.creditExpiryDays !== null) {
    if (!oneTime) problems['creditExpiryDays'] = 'only applies to a one-time plan (a credit pack)';
    else if (!credits) problems['creditExpiryDays'] = 'needs credits per period';
  }
  return Object.keys(problems).length > 0 ? problems : undefined;
}
