import { Card } from '../../components/detail.js';
import { formatDate } from '../../format.js';
import type { SubscriptionPageData } from './subscription-page-data.js';
import { chargeKindLabels, moneyLabel } from './subscription-labels.js';

/** Money the subscription's changes moved that no invoice carries yet: charges positive, credits negative. */
export function PendingChargesCard(props: { data: SubscriptionPageData }) {
  const { charges, customer } = props.data;
  if (charges.length === 0) return null;
  return (
    <Card title="Pending charges">
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th>Kind</th>
              <th>Description</th>
              <th>Amount</th>
              <th>For</th>
            </tr>
          </thead>
          <tbody>
            {charges.map((charge) => (
              <tr>
                <td data-label="Kind" class="nowrap">
                  {chargeKindLabels[charge.kind]}
                </td>
                <td data-label="Description">{charge.description}</td>
                <td data-label="Amount" class="nowrap">
                  {moneyLabel(charge.amount, charge.currency, customer.locale)}
                </td>
                <td data-label="For" class="nowrap">
                  {formatDate(charge.periodStart)} → {formatDate(charge.periodEnd)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
