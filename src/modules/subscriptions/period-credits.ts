import type { Plan } from '../catalog/index.js';

/** What happens to a subscription's unspent period credits when new ones are granted. */
export type UnspentCredits =
  /** Carried into the new period up to `cap` credits; the rest expire (cap 0: all expire). */
  | { kind: 'rollover'; cap: bigint }
  /** Expire now (a plan change whose old plan says so). */
  | { kind: 'forfeit' }
  /** Become pay-as-you-go credits that never expire (a plan change whose old plan says so). */
  | { kind: 'carry' };

/**
 * The credits a step grants: `grant` of `unit`, spendable until `expiresAt` (the period's end),
 * after the subscription's unspent credits are dealt with as `unspent` says. Worked out with the rest
 * of the step, so a preview shows exactly what committing will grant.
 */
export interface PeriodCredits {
  unit: string;
  grant: bigint;
  expiresAt: Date;
  unspent: UnspentCredits;
}

type CreditPlan = Pick<Plan, 'creditsPerPeriod' | 'creditUnit' | 'creditRolloverCap'>;

/** A new period's whole allocation (creation, renewal, trial conversion); null for a plan without credits. */
export function renewalCredits(plan: CreditPlan, quantity: number, periodEnd: Date): PeriodCredits | null {
  if (plan.creditsPerPeriod === null || !plan.creditUnit) return null;
  return {
    unit: plan.creditUnit,
    grant: plan.creditsPerPeriod * BigInt(quantity),
    expiresAt: periodEnd,
    unspent: { kind: 'rollover', cap: plan.creditRolloverCap ?? 0n },
  };
}
