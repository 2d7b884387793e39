import type { ComponentChildren } from 'preact';
import { Card, Facts } from '../../components/detail.js';
import { PostForm } from '../../components/form.js';
import { formatDate, formatDateTime } from '../../format.js';
import { billingLabel } from '../catalog/catalog-labels.js';
import { bookedChangeText } from './booked-change.js';
import type { SubscriptionPageData } from './subscription-page-data.js';
import { moneyLabel } from './subscription-labels.js';

type Fact = [string, ComponentChildren];

/** "$5.00 every month (version 1)", noting a version kept after the plan's price changed. */
function priceText(data: SubscriptionPageData): string {
  const { price, plan, customer } = data;
  if (!price) return '—';
  const kept = price.supersededAt ? ', kept after a price change' : '';
  return `${moneyLabel(price.amount, price.currency, customer.locale)} ${billingLabel(plan)} (version ${price.version}${kept})`;
}

function pausedText(data: SubscriptionPageData): string {
  const { pausedAt, resumeAt } = data.subscription;
  const since = `since ${formatDateTime(pausedAt)}`;
  return resumeAt ? `${since}; resumes ${formatDateTime(resumeAt)}` : `${since}; until resumed`;
}

/** The booked cancellation, with the button that takes it back (the engine's undo). */
function CancelsAtPeriodEnd(props: { data: SubscriptionPageData; csrfToken: string; canAct: boolean }) {
  const { subscription } = props.data;
  return (
    <>
      Yes, on {formatDate(subscription.currentPeriodEnd)}{' '}
      {props.canAct && (
        <PostForm
          action={`/admin/subscriptions/${subscription.id}/changes/undo-cancel`}
          csrfToken={props.csrfToken}
          class="inline-form"
        >
          <button type="submit" class="button secondary small">
            Undo
          </button>
        </PostForm>
      )}
    </>
  );
}

/** What the subscription is now: plan, price, quantity, period, what is due and what is booked. */
export function SubscriptionDetailsCard(props: {
  data: SubscriptionPageData;
  csrfToken: string;
  canAct: boolean;
}) {
  const { data } = props;
  const { subscription, customer, plan, testClock } = data;
  const booked = bookedChangeText(data, subscription);
  const facts: (Fact | false)[] = [
    ['Customer', <a href={`/admin/customers/${customer.id}`}>{customer.name}</a>],
    ['Plan', <a href={`/admin/catalog/plans/${plan.id}`}>{`${plan.product.name} · ${plan.name}`}</a>],
    ['Price', priceText(data)],
    ['Quantity', String(subscription.quantity)],
    [
      'Current period',
      `${formatDateTime(subscription.currentPeriodStart)} → ${formatDateTime(subscription.currentPeriodEnd)}`,
    ],
    ['Next due', formatDateTime(subscription.nextDueAt)],
    booked !== null && [
      'Booked change',
      <>
        {booked}
        {props.canAct && <div class="hint">To book another, change the plan again.</div>}
      </>,
    ],
    subscription.cancelAtPeriodEnd && [
      'Cancels at period end',
      <CancelsAtPeriodEnd data={data} csrfToken={props.csrfToken} canAct={props.canAct} />,
    ],
    subscription.state === 'paused' && ['Paused', pausedText(data)],
    subscription.trialEndsAt !== null && ['Trial ends', formatDateTime(subscription.trialEndsAt)],
    subscription.testClockId !== null && [
      'Sandbox',
      testClock ? (
        <>
          On test clock <a href={`/admin/test-clocks/${testClock.id}`}>{testClock.name}</a>, now{' '}
          {formatDateTime(testClock.frozenAt)}
        </>
      ) : (
        'On a test clock that was deleted'
      ),
    ],
    ['Time zone', subscription.timeZone],
    subscription.canceledAt !== null && ['Canceled', formatDateTime(subscription.canceledAt)],
    subscription.endedAt !== null && ['Ended', formatDateTime(subscription.endedAt)],
  ];
  return (
    <Card title="Details">
      <Facts items={facts.filter((fact) => fact !== false)} />
    </Card>
  );
}
