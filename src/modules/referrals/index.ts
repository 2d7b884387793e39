export type { ReferralsContext } from './context.js';
export {
  referralStatuses,
  rewardKinds,
  type Referral,
  type ReferralProgramme,
  type ReferralStatus,
  type RewardGiven,
  type RewardKind,
  type StoredTier,
} from './referral-types.js';
export { getReferralProgramme } from './referral-programme.js';
export { updateReferralProgramme, type ReferralProgrammeInput } from './update-referral-programme.js';
export { defaultTiers } from './tiers.js';
export { attributeReferral, type AttributionInput } from './attribute-referral.js';
export { listReferrals, type ListReferralsInput } from './list-referrals.js';
export { customerReferrals, type CustomerReferrals } from './customer-referrals.js';
export { referralSettlementListener } from './settlement-listener.js';
