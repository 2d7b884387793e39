import type { CreditEntryKind, CreditSource } from '../../../../modules/credits/index.js';
import { formatCount } from '../../format.js';

/** Where a grant's credits came from, as the grants table names it. */
export const creditSourceLabels: Record<CreditSource, string> = {
  subscription: 'Subscription',
  rollover: 'Rolled over',
  carry: 'Kept after a plan change',
  pack: 'Credit pack',
  adjustment: 'Given by staff',
  referral: 'Referral reward',
};

/** What moved the credits, as the history names each kind of entry. */
export const creditKindLabels: Record<CreditEntryKind, string> = {
  'credits.subscription': 'Subscription credits',
  'credits.rollover': 'Rolled over',
  'credits.carry': 'Kept after a plan change',
  'credits.pack': 'Credit pack',
  'credits.adjustment': 'Given by staff',
  'credits.referral': 'Referral reward',
  'credits.consumed': 'Used',
  'credits.deducted': 'Taken back by staff',
  'credits.expired': 'Expired',
  'credits.forfeited': 'Forfeited',
  'credits.revoked': 'Revoked',
};

export const creditKindOptions = Object.entries(creditKindLabels).map(([value, label]) => ({ value, label }));

/** An entry kind for people; one this page does not know yet shows as it is stored. */
export function creditKindLabel(kind: string): string {
  return creditKindLabels[kind as CreditEntryKind] ?? kind;
}

/** "1,500 credits". */
export function creditsLabel(amount: bigint, unit: string): string {
  return `${formatCount(amount)} ${unit}`;
}

/** A change of balance with its sign: "+500", "−1,200", "0". */
export function signedCredits(amount: bigint): string {
  if (amount > 0n) return `+${formatCount(amount)}`;
  return amount < 0n ? `−${formatCount(-amount)}` : '0';
}
