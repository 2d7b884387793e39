import { Card } from '../../components/detail.js';
import { billingLabel } from '../catalog/catalog-labels.js';
import { addonName, type SubscriptionPageData } from './subscription-page-data.js';
import { moneyLabel } from './subscription-labels.js';

/** The add-ons the subscription holds, each at the price version it was bought at. */
export function AddonLinesCard(props: { data: SubscriptionPageData }) {
  const { data } = props;
  if (data.items.length === 0 && data.addons.length === 0) return null;
  return (
    <Card title="Add-ons">
      {data.items.length === 0 ? (
        <p class="muted">No add-ons.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Add-on</th>
                <th>Quantity</th>
                <th>Price each</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => {
                const price = data.itemPrices.get(item.addonPriceId);
                return (
                  <tr>
                    <td data-label="Add-on">
                      <a href={`/admin/catalog/addons/${item.addonId}`}>{addonName(data, item.addonId)}</a>
                    </td>
                    <td data-label="Quantity">{item.quantity}</td>
                    <td data-label="Price each">
                      {price
                        ? `${moneyLabel(price.amount, price.currency, data.customer.locale)} ${billingLabel(price)} (version ${price.version})`
                        : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
