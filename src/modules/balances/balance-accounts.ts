import { customerAccountKey, operatorAccountKey } from '../ledger/index.js';

/** The ledger account of a customer's money balance in one currency: what the operator owes them. */
export function balanceAccountKey(customerId: string, currency: string): string {
  return customerAccountKey(customerId, 'balance', currency);
}

/**
 * The operator's side of balance changes that are not part of an invoice: staff adjustments (a
 * goodwill credit, a correction) and balance paid back out to the customer.
 */
export const operatorBalancePurposes = {
  adjustments: 'balance_adjustments',
  refunds: 'refunds',
} as const;

export function operatorAccount(purpose: string, currency: string): string {
  return operatorAccountKey(purpose, currency);
}
