import { Badge } from '../../components/detail.js';
import { PlainTable, type PlainColumn } from '../../components/plain-table.js';
import { formatDateTime } from '../../format.js';

/** What every kept price version has: when it took effect and when a newer one replaced it. */
interface VersionedPrice {
  createdAt: Date;
  supersededAt: Date | null;
}

/**
 * Every version a plan's or an add-on's prices have had. The two differ only in the columns that
 * describe the price itself (an add-on's billing interval, a plan's setup fee), so those come from
 * the page and the From/Until columns, the same for both, are added here.
 */
export function PriceHistoryTable<P extends VersionedPrice>(props: {
  prices: P[];
  columns: PlainColumn<P>[];
}) {
  const validity: PlainColumn<P>[] = [
    { label: 'From', class: 'nowrap', render: (price) => formatDateTime(price.createdAt) },
    {
      label: 'Until',
      class: 'nowrap',
      render: (price) =>
        price.supersededAt ? formatDateTime(price.supersededAt) : <Badge kind="ok">current</Badge>,
    },
  ];
  return <PlainTable rows={props.prices} columns={[...props.columns, ...validity]} />;
}
