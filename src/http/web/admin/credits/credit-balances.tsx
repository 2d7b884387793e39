import type { UnitBalance } from '../../../../modules/credits/index.js';
import { Card, Facts } from '../../components/detail.js';
import { PlainTable, type PlainColumn } from '../../components/plain-table.js';
import { formatCount, formatDateTime } from '../../format.js';
import { creditSourceLabels, creditsLabel } from './credit-labels.js';

type HeldGrant = UnitBalance['grants'][number];

const grantColumns: PlainColumn<HeldGrant>[] = [
  { label: 'Source', render: ({ grant }) => creditSourceLabels[grant.source] },
  { label: 'Description', render: ({ grant }) => grant.description },
  { label: 'Granted', class: 'nowrap', render: ({ grant }) => formatCount(grant.amount) },
  { label: 'Left', class: 'nowrap', render: ({ left }) => formatCount(left) },
  { label: 'Granted at', class: 'nowrap', render: ({ grant }) => formatDateTime(grant.grantedAt) },
  {
    label: 'Expires',
    class: 'nowrap',
    render: ({ grant }) => (grant.expiresAt ? formatDateTime(grant.expiresAt) : 'Never'),
  },
];

/** One unit's card: what can be spent now, how it splits, the threshold, and the grants it comes from. */
export function UnitBalanceCard(props: { balance: UnitBalance }) {
  const { balance } = props;
  const credits = (amount: bigint) => creditsLabel(amount, balance.unit);
  return (
    <Card title={balance.unit}>
      <Facts
        items={[
          ['Balance', <strong>{credits(balance.balance)}</strong>],
          ['Subscription credits', credits(balance.subscription)],
          ['Other credits', credits(balance.other)],
          [
            'Low-balance threshold',
            balance.lowBalanceThreshold === null ? 'None' : credits(balance.lowBalanceThreshold),
          ],
        ]}
      />
      <h4>Open grants</h4>
      {balance.grants.length === 0 ? (
        <p class="muted">Nothing left to spend.</p>
      ) : (
        <PlainTable columns={grantColumns} rows={balance.grants} />
      )}
    </Card>
  );
}
