import type { CustomerBalance } from '../../../../modules/balances/index.js';
import { Card, Facts } from '../../components/detail.js';
import { formatUnitAmount } from '../../format.js';

/** The customer page's card: the balance in each currency, linking to the balance page. */
export function CustomerBalanceCard(props: {
  customerId: string;
  locale: string;
  balances: CustomerBalance[];
}) {
  return (
    <Card title="Balance">
      {props.balances.length === 0 ? (
        <p class="muted">No balance yet. Credit notes and adjustments put money here.</p>
      ) : (
        <Facts
          items={props.balances.map((row) => [
            row.currency,
            formatUnitAmount(row.balance, row.currency, props.locale),
          ])}
        />
      )}
      <p>
        <a href={`/admin/customers/${props.customerId}/balance`}>History, adjustments and refunds →</a>
      </p>
    </Card>
  );
}
