import { CheckboxField } from '../../components/checkbox-field.js';
import { Field, SelectField, type FormState } from '../../components/form.js';
import { billingLabel } from '../catalog/catalog-labels.js';
import type { SubscriptionPageData } from './subscription-page-data.js';
import { moneyLabel } from './subscription-labels.js';

/**
 * The plans a subscription may move to: the recurring plans of its product with a price in its
 * currency, not archived (its own plan is always listed, as a quantity change keeps it).
 */
function planOptions(data: SubscriptionPageData) {
  const { subscription, customer, price } = data;
  const currency = price?.currency ?? customer.currency;
  return data.productPlans.flatMap((plan) => {
    const current = plan.id === subscription.planId;
    const planPrice = current ? price : plan.prices.find((candidate) => candidate.currency === currency);
    if (!current && (plan.archivedAt || plan.intervalUnit === null || !planPrice)) return [];
    const amount = planPrice ? moneyLabel(planPrice.amount, planPrice.currency, customer.locale) : '';
    return [
      {
        value: plan.id,
        label: `${plan.name} — ${amount} ${billingLabel(plan)}${current ? ' (current)' : ''}`,
      },
    ];
  });
}

/** Plan, quantity, when, and whether to prorate. */
export function ChangePlanFields(props: { form: FormState; data: SubscriptionPageData }) {
  const { form } = props;
  return (
    <>
      <div class="form-row">
        <SelectField label="Plan" name="planId" form={form} options={planOptions(props.data)} />
        <Field label="Quantity" name="quantity" type="number" form={form} required />
      </div>
      <SelectField
        label="When"
        name="timing"
        form={form}
        options={[
          {
            value: 'default',
            label: "The plan's rule (upgrades now, downgrades at the period end by default)",
          },
          { value: 'now', label: 'Now' },
          { value: 'period_end', label: 'At the end of the current period' },
        ]}
        hint="A trial always changes now."
      />
      <CheckboxField
        label="Prorate: credit the unused time and charge the rest of the period"
        name="prorate"
        form={form}
      />
    </>
  );
}
