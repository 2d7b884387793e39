import { Temporal } from 'temporal-polyfill';
import { AppError } from '../../lib/app-error.js';
import { addToLocal, fromLocalMs, isTimeZone, toLocalMs } from '../../lib/wall-clock.js';

/** The calendar unit a subscription renews by. */
export type IntervalUnit = 'day' | 'week' | 'month' | 'year';

/** How often a subscription renews: every `count` (a whole number >= 1) units. */
export interface Interval {
  readonly unit: IntervalUnit;
  readonly count: number;
}

/** Where billing starts: the first period's start, and the IANA time zone whose wall clock periods follow. */
export interface BillingAnchor {
  readonly at: Date;
  readonly timeZone: string;
}

/** A stretch of time from `start` (inclusive) to `end` (exclusive). */
export interface Period {
  readonly start: Date;
  readonly end: Date;
}

/** The period `index` intervals after the anchor (0 is the first). */
export interface BillingPeriod extends Period {
  readonly index: number;
}

// Average lengths (Gregorian year / 12 for a month), only to guess an index before stepping to the exact one.
const nominalMs: Record<IntervalUnit, number> = {
  day: 86_400_000,
  week: 604_800_000,
  month: 2_629_746_000,
  year: 31_556_952_000,
};

/** An interval as calendar months and days: the two kinds of step wall-clock arithmetic knows. */
const asMonthsAndDays: Record<IntervalUnit, [months: number, days: number]> = {
  day: [0, 1],
  week: [0, 7],
  month: [1, 0],
  year: [12, 0],
};

function fail(field: string, reason: string, message: string): never {
  throw new AppError('validation_failed', message, { fields: { [field]: reason } });
}

function epochMs(field: string, date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) fail(field, 'must be a valid date', `The ${field} date is not valid.`);
  return ms;
}

function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) {
    fail('timeZone', 'must be an IANA time zone such as Europe/Berlin', `Unknown time zone "${timeZone}".`);
  }
}

function assertInterval(interval: Interval): void {
  if (!Object.hasOwn(asMonthsAndDays, interval.unit)) {
    fail('unit', 'must be day, week, month or year', `Unknown interval unit "${String(interval.unit)}".`);
  }
  if (!Number.isSafeInteger(interval.count) || interval.count < 1) {
    fail('count', 'must be a whole number of at least 1', 'The interval count must be a whole number >= 1.');
  }
}

/**
 * Validates once and returns the start (epoch ms) of period n. Each boundary is anchor + n intervals in
 * local wall-clock time, never the previous end + 1 interval: a day clamped to a short month (31 Jan →
 * 28 Feb) returns to the 31st when a later month has one, and DST shifts never accumulate. A wall-clock
 * time that does not exist (spring-forward gap: 02:30 on a night that jumps from 02:00 to 03:00) becomes
 * the first valid instant after the gap (03:00); one that happens twice (fall-back) takes the earlier.
 */
function schedule(anchor: BillingAnchor, interval: Interval): (n: number) => number {
  assertTimeZone(anchor.timeZone);
  assertInterval(interval);
  const anchorMs = epochMs('at', anchor.at);
  const local = toLocalMs(anchorMs, anchor.timeZone);
  const [months, days] = asMonthsAndDays[interval.unit];
  // Period 0 starts at the anchor itself, even if its wall-clock time is the later of an ambiguous pair.
  return (n) =>
    n === 0
      ? anchorMs
      : fromLocalMs(
          addToLocal(local, months * interval.count * n, days * interval.count * n),
          anchor.timeZone,
        );
}

/** The anchor for a wall-clock date-time ("2027-01-31T00:00") in an IANA time zone, with the same DST rule. */
export function localAnchor(localDateTime: string, timeZone: string): BillingAnchor {
  assertTimeZone(timeZone);
  let local: Temporal.PlainDateTime;
  try {
    local = Temporal.PlainDateTime.from(localDateTime);
  } catch {
    fail(
      'at',
      'must be a local date-time such as 2027-01-31T00:00',
      `"${localDateTime}" is not a date-time.`,
    );
  }
  const localMs = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
  return { at: new Date(fromLocalMs(localMs, timeZone)), timeZone };
}

/** The start of period n (n >= 0), which is also the end of period n − 1. */
export function periodStart(anchor: BillingAnchor, interval: Interval, n: number): Date {
  const startOf = schedule(anchor, interval);
  if (!Number.isSafeInteger(n) || n < 0) fail('n', 'must be a whole number >= 0', 'Invalid period number.');
  return new Date(startOf(n));
}

// Guess from the average interval length, then step: clamped months and DST make the guess off by a few.
function containing(startOf: (n: number) => number, interval: Interval, atMs: number): BillingPeriod {
  let index = Math.floor((atMs - startOf(0)) / (nominalMs[interval.unit] * interval.count));
  while (index > 0 && startOf(index) > atMs) index -= 1;
  while (startOf(index + 1) <= atMs) index += 1;
  return { index, start: new Date(startOf(index)), end: new Date(startOf(index + 1)) };
}

/** The period with start <= at < end; `at` before the anchor is an error. */
export function periodContaining(anchor: BillingAnchor, interval: Interval, at: Date): BillingPeriod {
  const startOf = schedule(anchor, interval);
  const atMs = epochMs('at', at);
  if (atMs < startOf(0)) {
    fail('at', 'must not be before the billing anchor', 'The time is before billing started.');
  }
  return containing(startOf, interval, atMs);
}

/** Every period that overlaps [from, to), in order; none when that span is empty or before the anchor. */
export function periodsBetween(
  anchor: BillingAnchor,
  interval: Interval,
  from: Date,
  to: Date,
): BillingPeriod[] {
  const startOf = schedule(anchor, interval);
  const fromMs = epochMs('from', from);
  const toMs = epochMs('to', to);
  if (fromMs > toMs) fail('from', 'must not be after to', 'The start is after the end.');
  const periods: BillingPeriod[] = [];
  const firstMs = Math.max(fromMs, startOf(0));
  if (firstMs >= toMs) return periods;
  for (let period = containing(startOf, interval, firstMs); period.start.getTime() < toMs;) {
    periods.push(period);
    const index = period.index + 1;
    period = { index, start: new Date(period.end), end: new Date(startOf(index + 1)) };
  }
  return periods;
}

/**
 * The same wall-clock time `days` calendar days later in `timeZone` (a day across a DST switch is
 * 23 or 25 hours), with the gap rule above for a time that does not exist on the new day.
 */
export function localDaysLater(at: Date, timeZone: string, days: number): Date {
  assertTimeZone(timeZone);
  const local = toLocalMs(epochMs('at', at), timeZone);
  return new Date(fromLocalMs(addToLocal(local, 0, days), timeZone));
}
