import type { ComponentChildren } from 'preact';
import {
  stepTotal,
  type PeriodCredits,
  type SubscriptionStep,
} from '../../../../modules/subscriptions/index.js';
import { Facts } from '../../components/detail.js';
import { formatDate, formatDateTime } from '../../format.js';
import { bookedChangeText } from './booked-change.js';
import { addonName, planName, type SubscriptionPageData } from './subscription-page-data.js';
import { StateBadge, chargeKindLabels, moneyLabel } from './subscription-labels.js';

function ChargeTable(props: { step: SubscriptionStep; locale: string }) {
  const { step, locale } = props;
  const [first] = step.charges;
  if (!first) return <p>Nothing is charged or credited.</p>;
  const total = stepTotal(step);
  const money = (amount: bigint) => moneyLabel(amount, first.currency, locale);
  return (
    <>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th>Line</th>
              <th>For</th>
              <th>Amount</th>
            </tr>
          </thead>
          <tbody>
            {step.charges.map((line) => (
              <tr>
                <td data-label="Line">
                  {line.description}
                  <div class="hint">{chargeKindLabels[line.kind]}</div>
                </td>
                <td data-label="For">
                  {formatDate(line.periodStart)} → {formatDate(line.periodEnd)}
                </td>
                <td data-label="Amount" class="nowrap">
                  {money(line.amount)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        {total > 0n ? 'Total charged' : total < 0n ? 'Total credited' : 'Total'}:{' '}
        <strong data-testid="preview-total">{money(total)}</strong>
      </p>
    </>
  );
}

/** The facts that change, each only when it does. */
function afterFacts(data: SubscriptionPageData, step: SubscriptionStep): [string, ComponentChildren][] {
  const { before, after } = step;
  const facts: [string, ComponentChildren][] = [];
  facts.push([
    'State after',
    before.state === after.state ? (
      <>
        stays <StateBadge state={after.state} />
      </>
    ) : (
      <>
        <StateBadge state={before.state} /> → <StateBadge state={after.state} />
      </>
    ),
  ]);
  if (before.planId !== after.planId || before.quantity !== after.quantity)
    facts.push(['Plan after', `${planName(data, after.planId)} × ${after.quantity}`]);
  const periodChanged =
    before.currentPeriodStart.getTime() !== after.currentPeriodStart.getTime() ||
    before.currentPeriodEnd.getTime() !== after.currentPeriodEnd.getTime();
  facts.push([
    periodChanged ? 'New period' : 'Period',
    `${formatDateTime(after.currentPeriodStart)} → ${formatDateTime(after.currentPeriodEnd)}${periodChanged ? '' : ' (unchanged)'}`,
  ]);
  const booked = bookedChangeText(data, after);
  if (booked !== bookedChangeText(data, before))
    facts.push(['Booked for the period end', booked ?? 'Nothing (the booked change is dropped)']);
  if (after.cancelAtPeriodEnd !== before.cancelAtPeriodEnd)
    facts.push([
      'Cancels at the period end',
      after.cancelAtPeriodEnd ? `Yes, on ${formatDate(after.currentPeriodEnd)}` : 'No longer',
    ]);
  if (after.resumeAt && after.resumeAt.getTime() !== before.resumeAt?.getTime())
    facts.push(['Resumes', formatDateTime(after.resumeAt)]);
  if (step.credits) facts.push(['Credits', creditsText(step.credits)]);
  const held = new Map(data.items.map((item) => [item.addonId, item.quantity]));
  for (const item of step.items ?? [])
    facts.push([
      'Add-on',
      `${addonName(data, item.addonId)}: ${held.get(item.addonId) ?? 0} → ${item.quantity}`,
    ]);
  return facts;
}

const unspentText = {
  rollover: (cap: bigint) => (cap > 0n ? `unspent ones carried over up to ${cap}` : 'unspent ones expire'),
  forfeit: () => 'unspent ones forfeited',
  carry: () => 'unspent ones kept as pay-as-you-go credits',
};

function creditsText({ unit, grant, expiresAt, unspent }: PeriodCredits): string {
  const rest = unspentText[unspent.kind](unspent.kind === 'rollover' ? unspent.cap : 0n);
  return `${grant} ${unit} granted until ${formatDateTime(expiresAt)}; ${rest}`;
}

/** What a change will do, worked out by the engine without writing: money line by line, and the subscription after. */
export function StepPreview(props: { data: SubscriptionPageData; step: SubscriptionStep }) {
  const { data, step } = props;
  return (
    <div class="stack" data-testid="preview">
      <div class="alert alert-info">
        <strong>Preview:</strong> {step.reason}, effective {formatDateTime(step.at)}. Nothing has changed yet;
        confirming applies exactly this.
      </div>
      <ChargeTable step={step} locale={data.customer.locale} />
      <Facts items={afterFacts(data, step)} />
    </div>
  );
}
