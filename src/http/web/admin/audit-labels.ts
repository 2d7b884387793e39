const labels: Record<string, string> = {
  'user.created': 'Staff user created',
  'user.updated': 'Staff user changed',
  'user.disabled': 'Staff user disabled',
  'user.enabled': 'Staff user enabled',
  'user.signed_in': 'Signed in',
  'user.signed_out': 'Signed out',
  'user.password_changed': 'Password changed',
  'user.theme_changed': 'Theme changed',
  'customer.created': 'Customer created',
  'customer.updated': 'Customer changed',
  'customer.identity_linked': 'Account linked',
  'customer.identity_unlinked': 'Account unlinked',
  'customer.merged_away': 'Merged into another customer',
  'customer.merged_in': 'A duplicate was merged in',
  'customer.balance_credited': 'Balance credited',
  'customer.balance_debited': 'Balance debited',
  'customer.balance_refunded': 'Balance refunded to the customer',
  'credits.granted': 'Credits given',
  'credits.deducted': 'Credits taken back',
  'credits.threshold_set': 'Low-balance threshold set',
  'credits.pack_ordered': 'Credit pack ordered',
  'product.created': 'Product created',
  'product.updated': 'Product changed',
  'product.archived': 'Product archived',
  'product.restored': 'Product restored',
  'plan.created': 'Plan created',
  'plan.updated': 'Plan changed',
  'plan.archived': 'Plan archived',
  'plan.restored': 'Plan restored',
  'plan.price_set': 'Price set',
  'addon.created': 'Add-on created',
  'addon.updated': 'Add-on changed',
  'addon.archived': 'Add-on archived',
  'addon.restored': 'Add-on restored',
  'addon.price_set': 'Add-on price set',
  'plan.prices_migrated': 'Subscribers moved to the current price',
  'subscription.plan_changed': 'Subscription plan changed',
  'subscription.plan_change_scheduled': 'Subscription plan change booked for the period end',
  'subscription.cancel': 'Subscription canceled',
  'subscription.cancel_scheduled': 'Subscription set to cancel at the period end',
  'subscription.cancel_undone': 'Subscription cancellation taken back',
  'subscription.pause': 'Subscription paused',
  'subscription.resume': 'Subscription resumed',
  'subscription.extended': 'Subscription extended',
  'subscription.shortened': 'Subscription shortened',
  'subscription.reactivate': 'Subscription reactivated',
  'subscription.addons_changed': 'Subscription add-ons changed',
  'subscription.price_migration_scheduled': 'Subscription price change booked for renewal',
  'subscription.renewed': 'Subscription renewed',
  'test_clock.created': 'Test clock created',
  'test_clock.advanced': 'Test clock advanced',
  'test_clock.deleted': 'Test clock deleted',
  'bill_run.started': 'Bill run started',
  'coupon.created': 'Coupon created',
  'coupon.updated': 'Coupon changed',
  'coupon.archived': 'Coupon archived',
  'coupon.restored': 'Coupon restored',
  'coupon.promotion_code_created': 'Promotion code added',
  'coupon.promotion_code_deactivated': 'Promotion code deactivated',
  'coupon.redeemed': 'Coupon redeemed',
  'coupon.redemption_ended': 'Coupon redemption ended',
  'invoice.created': 'Invoice drafted',
  'invoice.finalized': 'Invoice finalized',
  'invoice.mark_paid': 'Invoice marked paid',
  'invoice.void': 'Invoice voided',
  'invoice.mark_uncollectible': 'Invoice marked uncollectible',
  'invoice.credited': 'Credit note issued',
  'referral_programme.updated': 'Referral programme changed',
  'referral.attributed': 'Referral recorded',
  'referral.rewarded': 'Referrer rewarded',
  'referral.skipped': 'Referral earned nothing',
  'referral.reversed': 'Referral reward reversed',
  'tax_rate.created': 'Tax rate created',
  'tax_rate.updated': 'Tax rate changed',
  'tax_rate.archived': 'Tax rate archived',
  'tax_rate.restored': 'Tax rate restored',
};

/** A readable label for an audit action code; unknown codes are shown as they are. */
export function describeAction(action: string): string {
  const label = labels[action];
  if (label) return label;
  const subscriptionAction = /^subscription\.(.+)$/.exec(action)?.[1];
  if (subscriptionAction) return `Subscription ${subscriptionAction.replaceAll('_', ' ')}`;
  return action;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "role: viewer → support, name: A → B" for the fields that differ between two snapshots. */
export function describeChanges(before: unknown, after: unknown): string | undefined {
  const from = (before ?? {}) as Record<string, unknown>;
  const to = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  const changed = keys.filter((key) => JSON.stringify(from[key]) !== JSON.stringify(to[key]));
  if (changed.length === 0) return undefined;
  if (before === null || before === undefined)
    return changed.map((key) => `${key}: ${show(to[key])}`).join(', ');
  return changed.map((key) => `${key}: ${show(from[key])} → ${show(to[key])}`).join(', ');
}
