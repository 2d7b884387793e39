import { formatMoney } from '../../../../lib/money.js';
import type { InvoiceLineKind, InvoiceStatus } from '../../../../modules/invoicing/index.js';
import { invoiceStatusLabels } from '../../../invoice-document.js';
import { Badge } from '../../components/detail.js';

const statusBadgeKinds: Record<InvoiceStatus, string> = {
  draft: 'neutral',
  open: 'info',
  paid: 'ok',
  void: 'warn',
  uncollectible: 'bad',
};

export function InvoiceStatusBadge(props: { status: InvoiceStatus }) {
  return <Badge kind={statusBadgeKinds[props.status]}>{invoiceStatusLabels[props.status]}</Badge>;
}

/** What the list and the page call an invoice: its number, or "Draft" before it has one. */
export const invoiceName = (invoice: { number: string | null }) => invoice.number ?? 'Draft';

/** An amount of the invoice's currency, formatted the way its customer reads money. */
export const invoiceMoney = (amount: bigint, currency: string, locale: string) =>
  formatMoney({ amount, currency }, locale);

export const lineKindLabels: Record<InvoiceLineKind, string> = {
  subscription_period: 'Subscription',
  proration: 'Proration',
  setup_fee: 'Setup fee',
  addon: 'Add-on',
  one_off: 'One-off',
  discount: 'Discount',
  credit_applied: 'Credit applied',
  tax: 'Tax',
};
