import type { ReferralsContext } from './context.js';
import { referralCodeOf, referralLink } from './referral-code.js';
import { referralsAround } from './list-referrals.js';
import type { Referral } from './referral-types.js';

export interface CustomerReferrals {
  code: string;
  link: string;
  referredBy: Referral | null;
  referred: Referral[];
  /** How many customers they referred, and how many of those earned them a reward they still have. */
  stats: { referred: number; rewarded: number };
}

/** A customer's code and link (made on first use) with who referred them and whom they referred. */
export async function customerReferrals(
  ctx: ReferralsContext,
  customerId: string,
): Promise<CustomerReferrals> {
  const code = await referralCodeOf(ctx.db, ctx.clock, customerId);
  const around = await referralsAround(ctx.db, customerId);
  return {
    code: code.code,
    link: referralLink(ctx.baseUrl, code.code),
    ...around,
    stats: {
      referred: around.referred.length,
      rewarded: around.referred.filter((r) => r.status === 'rewarded').length,
    },
  };
}
