import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import type { Plan, PlanWithPrices, Price } from './catalog-types.js';
import { plans, prices } from './schema.js';

/** One plan by id; not_found when there is none. `forUpdate` locks it for a change. */
export async function findPlan(db: DbOrTx, id: string, forUpdate = false): Promise<Plan> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such plan.');
  const query = db.select().from(plans).where(eq(plans.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such plan.');
  return row;
}

/** The current price of each currency for these plans, by plan id. */
export async function currentPrices(db: DbOrTx, planIds: string[]): Promise<Map<string, Price[]>> {
  const byPlan = new Map<string, Price[]>(planIds.map((id) => [id, []]));
  if (planIds.length === 0) return byPlan;
  const rows = await db
    .select()
    .from(prices)
    .where(and(inArray(prices.planId, planIds), isNull(prices.supersededAt)))
    .orderBy(asc(prices.currency));
  for (const row of rows) byPlan.get(row.planId)?.push(row);
  return byPlan;
}

export async function withPrices(db: DbOrTx, plan: Plan): Promise<PlanWithPrices> {
  return { ...plan, prices: (await currentPrices(db, [plan.id])).get(plan.id) ?? [] };
}

/** What the audit log keeps of a plan (money as text: JSON has no exact big integers). */
export function planSnapshot(plan: Plan) {
  return {
    code: plan.code,
    name: plan.name,
    interval: plan.intervalUnit ? `${plan.intervalCount} ${plan.intervalUnit}` : 'one time',
    trialDays: plan.trialDays,
    oneTrialPerCustomer: plan.oneTrialPerCustomer,
    credits:
      plan.creditsPerPeriod === null ? null : `${plan.creditsPerPeriod} ${plan.creditUnit ?? ''}`.trim(),
    creditRolloverCap: plan.creditRolloverCap === null ? null : String(plan.creditRolloverCap),
    creditsOnPlanChange: plan.creditsOnPlanChange,
    creditExpiryDays: plan.creditExpiryDays,
    entitlements: plan.entitlementKeys.join(', '),
    upgrade: plan.upgradeTiming,
    downgrade: plan.downgradeTiming,
    reactivationGraceDays: plan.reactivationGraceDays,
    archived: plan.archivedAt !== null,
  };
}
