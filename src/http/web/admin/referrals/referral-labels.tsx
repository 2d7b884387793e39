import type { Referral, ReferralStatus, RewardKind } from '../../../../modules/referrals/index.js';
import { Badge } from '../../components/detail.js';

const statusKinds: Record<ReferralStatus, string> = {
  pending: 'info',
  rewarded: 'ok',
  skipped: 'warn',
  reversed: 'bad',
};

export function ReferralStatusBadge(props: { status: ReferralStatus }) {
  return <Badge kind={statusKinds[props.status]}>{props.status}</Badge>;
}

export const rewardKindLabels: Record<RewardKind, string> = {
  bonus_days: 'Bonus days on the referrer’s subscription',
  credits: 'Credits for the referrer',
  money: 'Money on the referrer’s balance',
  coupon: 'A coupon for the referrer',
};

/** What came of a referral, in a few words: the reward, what was taken back, or why nothing was given. */
export function outcomeLabel(referral: Referral): string {
  if (referral.status === 'pending') return 'Waiting for their first paid invoice';
  if (referral.status === 'skipped') return referral.note;
  const given = referral.reward?.description ?? '';
  return referral.reversal ? `${given} — reversed: ${referral.reversal.description}` : given;
}
