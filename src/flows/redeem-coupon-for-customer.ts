import { AppError, validationError } from '../lib/app-error.js';
import type { Clock } from '../lib/clock.js';
import type { Db, Tx } from '../lib/db/database.js';
import type { Actor } from '../modules/audit/index.js';
import { pricesByIds } from '../modules/catalog/index.js';
import { getCustomer } from '../modules/customers/index.js';
import { redeemCoupon, type CouponRedemption } from '../modules/discounts/index.js';
import { getSubscription, listSubscriptions, type Subscription } from '../modules/subscriptions/index.js';

export interface RedeemForCustomerInput {
  code?: string | undefined;
  couponId?: string | undefined;
  subscriptionId?: string | undefined;
}

/** The customer's subscription the coupon is for; a refusal on `subscriptionId` for anyone else's. */
async function subscriptionOf(tx: Tx, customerId: string, subscriptionId: string): Promise<Subscription> {
  const subscription = await getSubscription(tx, subscriptionId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found')
      throw validationError({ subscriptionId: 'is not a subscription' });
    throw error;
  });
  if (subscription.customerId !== customerId)
    throw validationError({ subscriptionId: 'belongs to another customer' });
  return subscription;
}

/**
 * Whether the customer has paid before. Until invoices record payments, a subscription past its
 * trial (other than the one being discounted, whose first payment is still to come) stands for one.
 */
async function hasPaidBefore(tx: Tx, customerId: string, exceptSubscriptionId: string | undefined) {
  const { rows } = await listSubscriptions(tx, { customerId, page: 1, pageSize: 100 });
  return rows.some(
    (subscription) => subscription.id !== exceptSubscriptionId && subscription.state !== 'trialing',
  );
}

/**
 * Redeems a coupon or promotion code for a customer, on one of their subscriptions (its plan and
 * currency) or on their next invoice (their currency).
 */
export async function redeemCouponForCustomer(
  ctx: { db: Db; clock: Clock },
  customerId: string,
  input: RedeemForCustomerInput,
  actor: Actor,
): Promise<CouponRedemption> {
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const customer = await getCustomer(tx, customerId);
    if (customer.mergedIntoId)
      throw new AppError('conflict', 'This customer was merged into another; redeem on that one instead.');
    const subscription = input.subscriptionId
      ? await subscriptionOf(tx, customer.id, input.subscriptionId)
      : undefined;
    // A subscription is billed in the currency of the price version it bought.
    const price = subscription && (await pricesByIds(tx, [subscription.priceId])).get(subscription.priceId);
    return redeemCoupon(
      tx,
      {
        customerId: customer.id,
        subscriptionId: subscription?.id,
        planId: subscription?.planId,
        currency: price?.currency ?? customer.currency,
        code: input.code,
        couponId: input.couponId,
      },
      at,
      { customerHasPaidBefore: await hasPaidBefore(tx, customer.id, subscription?.id), actor },
    );
  });
}
