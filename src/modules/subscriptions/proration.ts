import { AppError } from '../../lib/app-error.js';
import { subtract, type Money } from '../../lib/money.js';
import type { Period } from './billing-period.js';

/**
 * The one rounding rule of proration: round half to even ("banker's rounding"), applied once to the exact
 * rational. Ties go to the even neighbour, so over many invoices they lean neither up nor down.
 */
export const prorationRounding = 'half-to-even';

/** Credit for the unused old price, charge for the rest of the new one, and net = charge − credit. */
export interface PlanChangeProration {
  readonly credit: Money;
  readonly charge: Money;
  readonly net: Money;
}

function fail(field: string, reason: string, message: string): never {
  throw new AppError('validation_failed', message, { fields: { [field]: reason } });
}

/** numerator / denominator rounded half to even, exactly (bigint, no floating point). */
export function roundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const sign = denominator < 0n ? -1n : 1n;
  const n = numerator * sign;
  const d = denominator * sign;
  // Floor division, so that n = q·d + r with 0 <= r < d whatever the sign of n.
  let q = n / d;
  let r = n % d;
  if (r < 0n) {
    q -= 1n;
    r += d;
  }
  if (2n * r > d || (2n * r === d && q % 2n !== 0n)) q += 1n;
  return q;
}

/** Proration is to the second: instants are truncated to whole seconds, so clock jitter changes nothing. */
function seconds(field: string, date: Date): bigint {
  const ms = date.getTime();
  if (Number.isNaN(ms)) fail(field, 'must be a valid date', `The ${field} date is not valid.`);
  return BigInt(Math.floor(ms / 1000));
}

/**
 * Measures instants as whole seconds since the period's start, and gives the running share of an amount
 * at such an offset: R(t) = round(amount × t / length). Every proration below is a difference R(b) − R(a),
 * so shares of adjacent spans telescope to exactly the share of their union: the parts of a period add up
 * to its price, and any sequence of plan changes bills exactly what was used. The cost is that a share
 * is within 1 minor unit of the exact rational (two roundings) rather than ½; a share starting at the
 * period's start is one rounding, within ½.
 */
function meter(period: Period) {
  const start = seconds('start', period.start);
  const length = seconds('end', period.end) - start;
  if (length <= 0n) fail('end', 'must be at least one second after start', 'The period is empty.');
  return {
    offset(field: string, date: Date): bigint {
      const offset = seconds(field, date) - start;
      if (offset < 0n || offset > length) {
        fail(field, 'must lie within the period', `The ${field} is outside the period.`);
      }
      return offset;
    },
    share(amount: Money, offset: bigint): bigint {
      return roundHalfEven(amount.amount * offset, length);
    },
    length,
  };
}

/** The part of `amount` (the price of the whole period) for [from, to) within the period. */
export function prorate(amount: Money, period: Period, from: Date, to: Date): Money {
  const m = meter(period);
  const fromOffset = m.offset('from', from);
  const toOffset = m.offset('to', to);
  if (fromOffset > toOffset) fail('from', 'must not be after to', 'The start is after the end.');
  return { amount: m.share(amount, toOffset) - m.share(amount, fromOffset), currency: amount.currency };
}

/**
 * A plan change at `at` (Stripe's semantics): credit for the unused part of the old price, charge for the
 * rest of the period at the new price. $10 → $20 at the middle of a period: credit 5, charge 10, net +5.
 */
export function planChangeProration(
  oldPrice: Money,
  newPrice: Money,
  period: Period,
  at: Date,
): PlanChangeProration {
  if (oldPrice.currency !== newPrice.currency) {
    fail(
      'newPrice',
      `must be in ${oldPrice.currency}, like the old price`,
      'The prices have different currencies.',
    );
  }
  const m = meter(period);
  const offset = m.offset('at', at);
  const credit = { amount: oldPrice.amount - m.share(oldPrice, offset), currency: oldPrice.currency };
  const charge = { amount: newPrice.amount - m.share(newPrice, offset), currency: newPrice.currency };
  return { credit, charge, net: subtract(charge, credit) };
}

/**
 * Splits a period's price across the segments [start, c1), [c1, c2) … [cn, end) at the given cut points
 * (in order, within the period). Part i is R(c_i) − R(c_{i−1}) (see meter), so the parts telescope to
 * R(length) − R(0) = amount: they always add up exactly, and each equals prorate() over its segment.
 */
export function splitPeriodCharge(amount: Money, period: Period, cutPoints: readonly Date[]): Money[] {
  const m = meter(period);
  const offsets = [0n, ...cutPoints.map((cut, index) => m.offset(`cutPoints.${index}`, cut)), m.length];
  return offsets.slice(1).map((offset, index) => {
    const previous = offsets[index] ?? 0n;
    if (previous > offset) fail(`cutPoints.${index}`, 'must be in order', 'The cut points are out of order.');
    return { amount: m.share(amount, offset) - m.share(amount, previous), currency: amount.currency };
  });
}
