import { formatMoney } from '../../../../lib/money.js';
import type { ChargeLine, SubscriptionState } from '../../../../modules/subscriptions/index.js';
import { Badge } from '../../components/detail.js';

const stateKinds: Record<SubscriptionState, string> = {
  trialing: 'info',
  active: 'ok',
  past_due: 'warn',
  paused: 'tag',
  suspended: 'bad',
  canceled: 'tag',
  expired: 'tag',
};

/** A subscription's state as a coloured badge. */
export function StateBadge(props: { state: SubscriptionState }) {
  return <Badge kind={stateKinds[props.state]}>{props.state.replace('_', ' ')}</Badge>;
}

/** "convert_trial" → "Convert trial". */
export function actionLabel(action: string): string {
  const words = action.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An amount for the customer, in their locale ("1.234,50 €" for de-DE). */
export function moneyLabel(amount: bigint, currency: string, locale: string): string {
  return formatMoney({ amount, currency }, locale);
}

/** How the page names each kind of pending charge. */
export const chargeKindLabels: Record<ChargeLine['kind'], string> = {
  proration_charge: 'Proration charge',
  proration_credit: 'Proration credit',
  cancellation_credit: 'Cancellation credit',
  period_charge: 'Period charge',
  addon_charge: 'Add-on period charge',
  setup_fee: 'Setup fee',
};
