import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { anyOf } from '../../lib/db/any-of.js';
import type { DbOrTx } from '../../lib/db/database.js';
import type { ActiveRedemption } from './discount-types.js';
import { amountsOfCoupons } from './find-coupon.js';
import { couponRedemptions, coupons } from './schema.js';

/**
 * The running redemptions of a set of customers, read and locked once for a whole batch of
 * invoices, with the periods each invoice uses counted in memory and written back in one statement.
 */
export interface RedemptionBook {
  /**
   * What still takes money off a subscription's invoice at `at`: redemptions made for it or for the
   * customer's next invoice, begun, not ended and with periods left (or forever), oldest first. The
   * coupon's own window and archiving no longer matter once it was redeemed.
   */
  activeAt(customerId: string, subscriptionId: string, at: Date): ActiveRedemption[];
  /** Counts one billing period of each of these redemptions as used by an invoice at `at`. */
  use(redemptions: readonly ActiveRedemption[], at: Date): void;
  /** Writes the used periods, in the caller's transaction: a redemption that reaches zero ends. */
  save(tx: DbOrTx): Promise<void>;
}

/**
 * Opens the book for `customerIds` from `from` on (the earliest invoice it will serve). The rows are
 * locked in id order until the transaction ends, so two bill runs billing one customer's two
 * subscriptions count its periods one after the other, never both from the same count.
 */
export async function openRedemptionBook(
  tx: DbOrTx,
  customerIds: readonly string[],
  from: Date,
): Promise<RedemptionBook> {
  const rows =
    customerIds.length === 0
      ? []
      : await tx
          .select({ redemption: couponRedemptions, coupon: coupons })
          .from(couponRedemptions)
          .innerJoin(coupons, eq(coupons.id, couponRedemptions.couponId))
          .where(
            and(
              anyOf(couponRedemptions.customerId, [...new Set(customerIds)], 'uuid'),
              or(isNull(couponRedemptions.endedAt), gt(couponRedemptions.endedAt, from)),
              or(isNull(couponRedemptions.periodsLeft), gt(couponRedemptions.periodsLeft, 0)),
            ),
          )
          .orderBy(asc(couponRedemptions.id))
          .for('update', { of: couponRedemptions });
  const amounts = await amountsOfCoupons(tx, [...new Set(rows.map((row) => row.coupon.id))]);
  const redemptions: ActiveRedemption[] = rows.map(({ redemption, coupon }) => ({
    ...redemption,
    coupon: { ...coupon, amounts: amounts.get(coupon.id) ?? [] },
  }));
  const used = new Set<ActiveRedemption>();
  return {
    activeAt: (customerId, subscriptionId, at) =>
      redemptions.filter(
        (r) =>
          r.customerId === customerId &&
          (r.subscriptionId === null || r.subscriptionId === subscriptionId) &&
          r.redeemedAt <= at &&
          (r.endedAt === null || r.endedAt > at) &&
          (r.periodsLeft === null || r.periodsLeft > 0),
      ),
    use(applied, at) {
      // Forever redemptions have no count, and ended ones are left alone.
      for (const redemption of applied) {
        if (redemption.periodsLeft === null || redemption.periodsLeft <= 0 || redemption.endedAt) continue;
        redemption.periodsLeft -= 1;
        if (redemption.periodsLeft === 0) redemption.endedAt = at;
        used.add(redemption);
      }
    },
    async save(writer) {
      if (used.size === 0) return;
      const changed = [...used];
      await writer.execute(sql`
        UPDATE coupon_redemptions AS r SET periods_left = v.periods_left, ended_at = v.ended_at
        FROM unnest(${sql.param(changed.map((r) => r.id.toString()))}::bigint[],
                    ${sql.param(changed.map((r) => r.periodsLeft))}::int[],
                    ${sql.param(changed.map((r) => r.endedAt?.toISOString() ?? null))}::timestamptz[])
          AS v(id, periods_left, ended_at)
        WHERE r.id = v.id`);
      used.clear();
    },
  };
}
