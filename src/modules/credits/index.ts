export type { CreditsContext } from './context.js';
export { creditSources, type CreditSource } from './schema.js';
export { grantCredits, type CreditGrant, type GrantCreditsInput } from './credit-grants.js';
export { revokeGrant } from './revoke-grant.js';
export { consumeCredits, type ConsumeCreditsInput, type Consumption } from './consume-credits.js';
export { adjustCredits, type AdjustCreditsInput } from './adjust-credits.js';
export { setLowBalanceThreshold, type SetThresholdInput } from './set-threshold.js';
export { creditBalances, type UnitBalance } from './credit-balance.js';
export { applyPeriodCredits, type PeriodCreditsChange } from './period-credits.js';
export { creditExpiryDueWork } from './expire-credits.js';
export {
  buyCreditPack,
  creditPackSettlement,
  type BuyCreditPackInput,
  type CreditPackPurchase,
} from './credit-packs.js';
export {
  creditHistory,
  creditEntryKinds,
  type CreditEntryKind,
  type CreditHistory,
  type CreditHistoryFilters,
  type CreditMovement,
} from './credit-history.js';
