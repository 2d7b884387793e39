import type { SubscriptionState } from '../../../../modules/subscriptions/index.js';
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
