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
              <th>Charge</th>
              <th>Amount</th>
              <th>For</th>
            </tr>
          </thead>
          <tbody>
            {charges.map((charge) => (
              <tr>
                <td data-label="Charge">
                  {charge.description}
                  <div class="hint">{chargeKindLabels[charge.kind]}</div>
                </td>
                <td data-label="Amount" class="nowrap">
                  {moneyLabel(charge.amount, charge.currency, customer.locale)}
                </td>
                <td data-label="For">
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
