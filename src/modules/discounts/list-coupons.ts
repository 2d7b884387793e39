import { and, count, gt, ilike, isNotNull, isNull, lte, or, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../lib/db/contains-pattern.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { pageRows, type PageOf, type Paging } from '../../lib/db/keyset-cursor.js';
import type { CouponStatus, CouponWithAmounts } from './discount-types.js';
import { amountsOfCoupons } from './find-coupon.js';
import { coupons } from './schema.js';

export const couponSortKeys = ['name', 'createdAt', 'validUntil'] as const;
export type CouponSortKey = (typeof couponSortKeys)[number];

export interface ListCouponsInput {
  /** Matches the name. */
  search?: string | undefined;
  /** active: not archived and not past its window; expired: past its window (archived or not). */
  status?: CouponStatus | undefined;
  /** The instant "expired" is judged at. */
  at: Date;
  sort: CouponSortKey;
  direction: 'asc' | 'desc';
}

const sortColumns = { name: coupons.name, createdAt: coupons.createdAt, validUntil: coupons.validUntil };

function statusCondition(status: CouponStatus, at: Date): SQL | undefined {
  if (status === 'archived') return isNotNull(coupons.archivedAt);
  if (status === 'expired') return and(isNotNull(coupons.validUntil), lte(coupons.validUntil, at));
  return and(isNull(coupons.archivedAt), or(isNull(coupons.validUntil), gt(coupons.validUntil, at)));
}

/**
 * A page of coupons matching a search and status, with their amounts: by offset ({page, pageSize},
 * with the total) or by cursor ({cursor, limit}).
 */
export async function listCoupons<P extends Paging>(
  db: DbOrTx,
  input: ListCouponsInput & P,
): Promise<PageOf<CouponWithAmounts, P>> {
  const conditions: (SQL | undefined)[] = [];
  if (input.search) conditions.push(ilike(coupons.name, containsPattern(input.search)));
  if (input.status) conditions.push(statusCondition(input.status, input.at));
  const where = and(...conditions);
  const { sort, direction } = input;
  return pageRows<CouponWithAmounts, P>(input, {
    keys: [
      { column: sortColumns[sort], direction },
      { column: coupons.id, direction },
    ],
    // Not the instant: the next page is asked for later, and judges "expired" at its own time.
    scope: { list: 'coupons', sort, direction, search: input.search, status: input.status },
    where,
    rows: async (q) => {
      const rows = await db
        .select({ coupon: coupons, keys: q.keys })
        .from(coupons)
        .where(q.where)
        .orderBy(...q.orderBy)
        .limit(q.limit)
        .offset(q.offset);
      const amounts = await amountsOfCoupons(
        db,
        rows.map((row) => row.coupon.id),
      );
      return rows.map(({ coupon, keys }) => ({
        row: { ...coupon, amounts: amounts.get(coupon.id) ?? [] },
        keys,
      }));
    },
    count: async (where) => (await db.select({ total: count() }).from(coupons).where(where))[0]?.total ?? 0,
  });
}
