/** How the history names what moved a balance; a kind another module adds shows as it is. */
const kindLabels: Record<string, string> = {
  'balance.adjustment': 'Adjustment',
  'balance.refund': 'Refunded to the customer',
  'credit_note.issued': 'Credit note',
  'invoice.balance_applied': 'Paid an invoice',
  'invoices.balance_applied': 'Paid bill-run invoices',
};

export const balanceKindLabel = (kind: string) => kindLabels[kind] ?? kind;
