import { asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { isUuid } from '../../lib/ids.js';
import type { Coupon, CouponAmount, CouponWithAmounts } from './discount-types.js';
import { percentFromPpm } from './percent.js';
import { couponAmounts, coupons } from './schema.js';

/** One coupon by id; not_found when there is none. `forUpdate` locks it for a change. */
export async function findCoupon(db: DbOrTx, id: string, forUpdate = false): Promise<Coupon> {
  if (!isUuid(id)) throw new AppError('not_found', 'No such coupon.');
  const query = db.select().from(coupons).where(eq(coupons.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'No such coupon.');
  return row;
}

/** The fixed amounts of these coupons, by coupon id, each list by currency. */
export async function amountsOfCoupons(
  db: DbOrTx,
  couponIds: string[],
): Promise<Map<string, CouponAmount[]>> {
  const byCoupon = new Map<string, CouponAmount[]>(couponIds.map((id) => [id, []]));
  if (couponIds.length === 0) return byCoupon;
  const rows = await db
    .select()
    .from(couponAmounts)
    .where(inArray(couponAmounts.couponId, couponIds))
    .orderBy(asc(couponAmounts.currency));
  for (const row of rows) byCoupon.get(row.couponId)?.push(row);
  return byCoupon;
}

export async function withAmounts(db: DbOrTx, coupon: Coupon): Promise<CouponWithAmounts> {
  return { ...coupon, amounts: (await amountsOfCoupons(db, [coupon.id])).get(coupon.id) ?? [] };
}

/** What the audit log keeps of a coupon. */
export function couponSnapshot(coupon: CouponWithAmounts) {
  return {
    name: coupon.name,
    off:
      coupon.percentOffPpm === null
        ? coupon.amounts.map((amount) => `${amount.currency} ${amount.amountOff}`).join(', ')
        : `${percentFromPpm(coupon.percentOffPpm)}%`,
    duration: coupon.duration === 'repeating' ? `${coupon.durationPeriods} periods` : coupon.duration,
    plans: coupon.planIds.length ? coupon.planIds.join(', ') : 'all',
    maxRedemptions: coupon.maxRedemptions,
    perCustomerLimit: coupon.perCustomerLimit,
    firstTimeOnly: coupon.firstTimeOnly,
    validFrom: coupon.validFrom?.toISOString() ?? null,
    validUntil: coupon.validUntil?.toISOString() ?? null,
    archived: coupon.archivedAt !== null,
  };
}
