import type { Customer } from '../../../../modules/customers/index.js';
import {
  findPlans,
  listPurchasablePlans,
  type PlanSummary,
  type Price,
} from '../../../../modules/catalog/index.js';
import { listSubscriptions, type Subscription } from '../../../../modules/subscriptions/index.js';
import type { AppServices } from '../../../services.js';
import { Card } from '../../components/detail.js';
import { FormAlert, PostForm, SelectField, type FormState } from '../../components/form.js';
import { formatDate } from '../../format.js';
import { billingLabel, priceLabel } from '../catalog/catalog-labels.js';
import { StateBadge } from './subscription-labels.js';

export interface CustomerSubscriptionsData {
  subscriptions: Subscription[];
  plans: Map<string, PlanSummary>;
  purchasable: (PlanSummary & { price: Price })[];
}

/** A customer's subscriptions, and the plans they could subscribe to in their currency. */
export async function loadCustomerSubscriptions(
  services: AppServices,
  customer: Customer,
): Promise<CustomerSubscriptionsData> {
  const [{ rows }, purchasable] = await Promise.all([
    listSubscriptions(services.db, { customerId: customer.id, page: 1, pageSize: 100 }),
    listPurchasablePlans(services.db, customer.currency),
  ]);
  return {
    subscriptions: rows,
    plans: await findPlans(
      services.db,
      rows.map((row) => row.planId),
    ),
    purchasable,
  };
}

/** The Subscriptions card of a customer's page, with the form to subscribe them to a plan. */
export function CustomerSubscriptions(props: {
  customer: Customer;
  data: CustomerSubscriptionsData;
  csrfToken: string;
  canSubscribe: boolean;
  form: FormState;
}) {
  const { customer, data, form } = props;
  return (
    <Card title="Subscriptions">
      {data.subscriptions.length === 0 ? (
        <p class="muted">No subscriptions yet.</p>
      ) : (
        <table>
          <tbody>
            {data.subscriptions.map((subscription) => {
              const plan = data.plans.get(subscription.planId);
              return (
                <tr>
                  <td>
                    <a href={`/admin/subscriptions/${subscription.id}`}>
                      {plan ? `${plan.productName} · ${plan.name}` : 'Subscription'}
                    </a>
                  </td>
                  <td>
                    <StateBadge state={subscription.state} />
                  </td>
                  <td class="muted nowrap">until {formatDate(subscription.currentPeriodEnd)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {props.canSubscribe &&
        (data.purchasable.length === 0 ? (
          <p class="muted">
            No plan on sale has a price in {customer.currency}. Add one in the{' '}
            <a href="/admin/catalog">Catalog</a> to subscribe this customer.
          </p>
        ) : (
          <PostForm
            action={`/admin/customers/${customer.id}/subscriptions#subscribe`}
            csrfToken={props.csrfToken}
          >
            <FormAlert message={form.message} />
            <div class="form" id="subscribe">
              <SelectField
                label="Plan"
                name="planId"
                form={form}
                options={data.purchasable.map((plan) => ({
                  value: plan.id,
                  label: `${plan.productName} · ${plan.name} — ${priceLabel(plan.price)} ${billingLabel(plan)}${plan.trialDays ? `, ${plan.trialDays}-day trial` : ''}`,
                }))}
              />
              <SelectField
                label="Trial"
                name="trial"
                form={form}
                options={[
                  { value: 'plan', label: "Use the plan's trial (first time only)" },
                  { value: 'skip', label: 'Start paid now' },
                ]}
              />
            </div>
            <button type="submit" class="button secondary">
              Subscribe
            </button>
          </PostForm>
        ))}
    </Card>
  );
}
