export type { BalancesContext } from './context.js';
export { balanceAccountKey } from './balance-accounts.js';
export { creditCustomerBalance, debitCustomerBalance, type BalanceMovement } from './move-balance.js';
export {
  customerBalances,
  balanceHistory,
  balanceKindsOf,
  type CustomerBalance,
  type BalanceHistoryFilter,
  type BalanceHistoryLine,
} from './read-balances.js';
export { openBalanceBook, type BalanceBook } from './balance-book.js';
export { adjustBalance, type BalanceAdjustmentInput } from './adjust-balance.js';
export { refundBalance, type BalanceRefundInput } from './refund-balance.js';
export type { BalanceChangeResult } from './staff-balance-change.js';
