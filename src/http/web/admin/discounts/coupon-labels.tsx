import { formatMoney } from '../../../../lib/money.js';
import type { AuditEvent } from '../../../../modules/audit/index.js';
import { percentFromPpm, type CouponWithAmounts } from '../../../../modules/discounts/index.js';
import { Badge } from '../../components/detail.js';
import { formatDateTime } from '../../format.js';
import { describeChanges } from '../audit-labels.js';

/** "12.5 % off" or "€5.00 · $6.00 off". */
export function discountLabel(coupon: CouponWithAmounts): string {
  if (coupon.percentOffPpm !== null) return `${percentFromPpm(coupon.percentOffPpm)} % off`;
  return `${coupon.amounts.map((amount) => formatMoney({ amount: amount.amountOff, currency: amount.currency })).join(' · ')} off`;
}

/** "once", "for 3 billing periods", "forever". */
export function durationLabel(coupon: Pick<CouponWithAmounts, 'duration' | 'durationPeriods'>): string {
  if (coupon.duration === 'once') return 'once (one invoice)';
  if (coupon.duration === 'forever') return 'forever';
  return coupon.durationPeriods === 1
    ? 'for 1 billing period'
    : `for ${coupon.durationPeriods} billing periods`;
}

/** "3 of 10", or "3 (no limit)". */
export function usageLabel(timesRedeemed: number, max: number | null): string {
  return max === null ? `${timesRedeemed} (no limit)` : `${timesRedeemed} of ${max}`;
}

export const limitLabel = (limit: number | null) => (limit === null ? 'no limit' : String(limit));

/** Archived, expired, not yet valid, used up, or active: the first that holds at `now`. */
export function CouponStatusBadge(props: { coupon: CouponWithAmounts; now: Date }) {
  const { coupon, now } = props;
  if (coupon.archivedAt) return <Badge kind="warn">archived</Badge>;
  if (coupon.validUntil && coupon.validUntil <= now) return <Badge kind="warn">expired</Badge>;
  if (coupon.validFrom && coupon.validFrom > now) return <Badge kind="info">scheduled</Badge>;
  if (coupon.maxRedemptions !== null && coupon.timesRedeemed >= coupon.maxRedemptions)
    return <Badge kind="warn">used up</Badge>;
  return <Badge kind="ok">active</Badge>;
}

/** "from 1 Mar 2027, 00:00 UTC until …", or "always". */
export function windowLabel(coupon: Pick<CouponWithAmounts, 'validFrom' | 'validUntil'>): string {
  if (!coupon.validFrom && !coupon.validUntil) return 'always';
  return [
    coupon.validFrom ? `from ${formatDateTime(coupon.validFrom)}` : '',
    coupon.validUntil ? `until ${formatDateTime(coupon.validUntil)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

const asRecord = (value: unknown) => (value ?? {}) as Record<string, unknown>;
const textOf = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** The audit log keeps amounts off as "EUR 500, USD 650" (minor units): "€5.00 · $6.50". */
function offLabel(kept: string): string {
  if (kept.endsWith('%')) return `${kept.slice(0, -1)} % off`;
  const amounts = kept.split(', ').map((item) => {
    const [currency = '', minor = ''] = item.split(' ');
    try {
      return formatMoney({ amount: BigInt(minor), currency });
    } catch {
      return item;
    }
  });
  return `${amounts.join(' · ')} off`;
}

/** A short line about a coupon change for its timeline. */
export function couponEventDetail(event: AuditEvent): string | undefined {
  const after = asRecord(event.after);
  const code = textOf(after['code']);
  if (event.action === 'coupon.created')
    return `${offLabel(textOf(after['off']))} · ${textOf(after['duration'])}`;
  if (event.action.startsWith('coupon.promotion_code_')) return `Code ${code}`;
  if (event.action === 'coupon.redeemed') return code ? `With code ${code}` : 'Granted directly';
  if (event.action.endsWith('.archived') || event.action.endsWith('.restored')) return undefined;
  return describeChanges(event.before, event.after);
}
