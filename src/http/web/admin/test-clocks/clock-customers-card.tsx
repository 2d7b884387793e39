import type { PlanSummary } from '../../../../modules/catalog/index.js';
import type { Customer } from '../../../../modules/customers/index.js';
import type { Subscription } from '../../../../modules/subscriptions/index.js';
import type { TestClock } from '../../../../modules/test-clocks/index.js';
import { Card } from '../../components/detail.js';
import { formatDate } from '../../format.js';
import { StateBadge } from '../subscriptions/subscription-labels.js';

/** A customer on the clock, with their subscriptions and the plans of those. */
export interface ClockCustomer {
  customer: Customer;
  subscriptions: { subscription: Subscription; plan: PlanSummary | undefined }[];
}

/** The sandbox customers living on the clock, and where each of their subscriptions stands. */
export function ClockCustomersCard(props: { clock: TestClock; customers: ClockCustomer[]; canAct: boolean }) {
  const { clock, customers } = props;
  const addCustomer = props.canAct && (
    <a href={`/admin/customers/new?testClockId=${clock.id}`} class="button secondary small">
      New customer on this clock
    </a>
  );
  return (
    <Card title="Customers">
      {customers.length === 0 ? (
        <div class="stack">
          <p class="muted">
            No customers yet. Create a customer with "Sandbox: attach to test clock" set to {clock.name}, then
            subscribe them.
          </p>
          <div>{addCustomer}</div>
        </div>
      ) : (
        <div class="stack">
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>Customer</th>
                  <th>Subscription</th>
                  <th>State</th>
                  <th>Period ends</th>
                  <th>Next due</th>
                </tr>
              </thead>
              <tbody>
                {customers.flatMap(({ customer, subscriptions }) => {
                  const who = (
                    <td data-label="Customer">
                      <a href={`/admin/customers/${customer.id}`}>{customer.name}</a>
                    </td>
                  );
                  if (subscriptions.length === 0)
                    return [
                      <tr>
                        {who}
                        <td data-label="Subscription" class="muted" colSpan={4}>
                          No subscriptions
                        </td>
                      </tr>,
                    ];
                  return subscriptions.map(({ subscription, plan }) => (
                    <tr>
                      {who}
                      <td data-label="Subscription">
                        <a href={`/admin/subscriptions/${subscription.id}`}>
                          {plan ? `${plan.productName} · ${plan.name}` : 'Subscription'}
                        </a>
                      </td>
                      <td data-label="State">
                        <StateBadge state={subscription.state} />
                      </td>
                      <td data-label="Period ends" class="nowrap">
                        {formatDate(subscription.currentPeriodEnd)}
                      </td>
                      <td data-label="Next due" class="nowrap">
                        {formatDate(subscription.nextDueAt)}
                      </td>
                    </tr>
                  ));
                })}
              </tbody>
            </table>
          </div>
          <div>{addCustomer}</div>
        </div>
      )}
    </Card>
  );
}
