export {
  customerAccountKey,
  operatorAccountKey,
  parseAccountKey,
  type AccountKeyParts,
} from './account-key.js';
export {
  postEntry,
  openAccount,
  type EntryLineInput,
  type PostEntryInput,
  type PostedEntry,
} from './post-entry.js';
export {
  getAccount,
  type LedgerAccount,
  balanceOf,
  accountHistory,
  trialBalance,
  verifyLedger,
  type AccountHistoryLine,
  type LedgerDifference,
  type LedgerVerification,
  type TrialBalanceUnit,
} from './read-ledger.js';
export { customerBalances } from './account-balances.js';
export { isUnit } from './account-key.js';
export { ownerLines, ownerBalances, ownerKinds, type OwnerLinesFilter } from './list-lines.js';
export { lockCustomerBalances } from './lock-balances.js';
export { ownerHistory, type OwnerHistoryEntry, type OwnerHistoryInput } from './owner-history.js';
