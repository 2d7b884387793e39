import { formatMoney, isCurrency } from '../../../../lib/money.js';

/** How the history names what moved a balance; a kind another module adds shows as it is. */
const kindLabels: Record<string, string> = {
  'balance.adjustment': 'Adjustment',
  'balance.refund': 'Refunded to the customer',
  'credit_note.issued': 'Credit note',
  'invoice.balance_applied': 'Paid an invoice',
  'invoices.balance_applied': 'Paid bill-run invoices',
};

export const balanceKindLabel = (kind: string) => kindLabels[kind] ?? kind;

/** An amount of a ledger unit: money in the locale's way, credits as a plain count. */
export function unitAmount(amount: bigint, unit: string, locale = 'en-US'): string {
  return isCurrency(unit) ? formatMoney({ amount, currency: unit }, locale) : `${amount} ${unit}`;
}
