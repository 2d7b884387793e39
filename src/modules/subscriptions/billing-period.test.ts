import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/app-error.js';
import {
  localAnchor,
  periodContaining,
  periodStart,
  periodsBetween,
  type BillingAnchor,
  type Interval,
} from './billing-period.js';

const timeZones = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe', // 30-minute DST shift
  'Asia/Kolkata',
  'Pacific/Apia', // skipped 30 Dec 2011 entirely
  'America/Sao_Paulo', // DST once started at midnight
];

const monthly: Interval = { unit: 'month', count: 1 };
const daily: Interval = { unit: 'day', count: 1 };
const hour = 3_600_000;

/** Wall-clock time of an instant in a zone, as "2027-02-28T00:00:00". */
function wallClock(date: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(date.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDateTime()
    .toString();
}

function wallClocks(anchor: BillingAnchor, interval: Interval, count: number): string[] {
  return Array.from({ length: count }, (_, n) =>
    wallClock(periodStart(anchor, interval, n), anchor.timeZone),
  );
}

/** The fields named by the validation error `run` throws. */
function failingFields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed')
      return Object.keys(error.fields ?? {});
    throw error;
  }
  throw new Error('expected a validation error');
}

const anchorArb = fc.record({
  at: fc.date({
    min: new Date('1971-01-01T00:00Z'),
    max: new Date('2090-01-01T00:00Z'),
    noInvalidDate: true,
  }),
  timeZone: fc.constantFrom(...timeZones),
});
const intervalArb = fc.record({
  unit: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const),
  count: fc.integer({ min: 1, max: 12 }),
});

describe('billing periods', () => {
  it('clamps to the end of short months and returns to the anchor day', () => {
    expect(wallClocks(localAnchor('2027-01-31T00:00', 'Europe/Berlin'), monthly, 5)).toEqual([
      '2027-01-31T00:00:00',
      '2027-02-28T00:00:00',
      '2027-03-31T00:00:00',
      '2027-04-30T00:00:00',
      '2027-05-31T00:00:00',
    ]);
    expect(wallClocks(localAnchor('2027-01-30T09:15', 'UTC'), monthly, 3)).toEqual([
      '2027-01-30T09:15:00',
      '2027-02-28T09:15:00',
      '2027-03-30T09:15:00',
    ]);
    expect(wallClocks(localAnchor('2028-01-30T00:00', 'Asia/Kolkata'), monthly, 3)).toEqual([
      '2028-01-30T00:00:00',
      '2028-02-29T00:00:00',
      '2028-03-30T00:00:00',
    ]);
    const leapDay = localAnchor('2028-02-29T00:00', 'America/New_York');
    expect(wallClocks(leapDay, { unit: 'year', count: 1 }, 5)).toEqual([
      '2028-02-29T00:00:00',
      '2029-02-28T00:00:00',
      '2030-02-28T00:00:00',
      '2031-02-28T00:00:00',
      '2032-02-29T00:00:00',
    ]);
  });

  it('moves a boundary in a spring-forward gap to the first valid instant', () => {
    // 14 March 2027, New York: clocks jump from 02:00 EST to 03:00 EDT.
    const anchor = localAnchor('2027-02-14T02:30', 'America/New_York');
    expect(periodStart(anchor, monthly, 1).toISOString()).toBe('2027-03-14T07:00:00.000Z');
    expect(wallClocks(anchor, monthly, 3)).toEqual([
      '2027-02-14T02:30:00',
      '2027-03-14T03:00:00',
      '2027-04-14T02:30:00',
    ]);
    // Lord Howe springs forward by half an hour, 02:00 → 02:30, on 4 October 2026.
    expect(wallClocks(localAnchor('2026-09-04T02:15', 'Australia/Lord_Howe'), monthly, 2)[1]).toBe(
      '2026-10-04T02:30:00',
    );
    // Apia skipped 30 December 2011 altogether: that day's boundary is the first instant of the 31st.
    expect(wallClocks(localAnchor('2011-12-29T12:00', 'Pacific/Apia'), daily, 3)).toEqual([
      '2011-12-29T12:00:00',
      '2011-12-31T00:00:00',
      '2011-12-31T12:00:00',
    ]);
  });

  it('takes the earlier instant of a wall-clock time that happens twice', () => {
    // 25 October 2026, Berlin: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice.
    expect(localAnchor('2026-10-25T02:30', 'Europe/Berlin').at.toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    const anchor = localAnchor('2026-10-24T02:30', 'Europe/Berlin');
    expect(periodStart(anchor, daily, 1).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('gives a day across a DST change its real length', () => {
    const anchor = localAnchor('2026-10-01T00:00', 'Europe/Berlin');
    const fallBack = periodContaining(anchor, daily, new Date('2026-10-25T12:00Z'));
    expect(fallBack.start.toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(fallBack.end.getTime() - fallBack.start.getTime()).toBe(25 * hour);
    const springForward = periodContaining(anchor, daily, new Date('2027-03-28T12:00Z'));
    expect(springForward.end.getTime() - springForward.start.getTime()).toBe(23 * hour);
  });

  it('starts period 0 at the anchor instant itself', () => {
    const at = new Date('2026-10-25T01:30:00.250Z'); // the second 02:30 in Berlin
    expect(periodStart({ at, timeZone: 'Europe/Berlin' }, daily, 0)).toEqual(at);
    expect(periodStart({ at, timeZone: 'Europe/Berlin' }, daily, 1).toISOString()).toBe(
      '2026-10-26T01:30:00.250Z',
    );
  });

  it('lists the periods overlapping a span', () => {
    const anchor = localAnchor('2027-01-31T00:00', 'UTC');
    const periods = periodsBetween(
      anchor,
      monthly,
      new Date('2026-12-01T00:00Z'),
      new Date('2027-03-31T00:00Z'),
    );
    expect(
      periods.map((p) => [p.index, p.start.toISOString().slice(0, 10), p.end.toISOString().slice(0, 10)]),
    ).toEqual([
      [0, '2027-01-31', '2027-02-28'],
      [1, '2027-02-28', '2027-03-31'],
    ]);
    expect(periodsBetween(anchor, monthly, new Date('2026-01-01T00:00Z'), anchor.at)).toEqual([]);
  });

  it('never leaves a gap or an overlap, and always moves forward', () => {
    fc.assert(
      fc.property(anchorArb, intervalArb, fc.nat(120), (anchor, interval, n) => {
        const start = periodStart(anchor, interval, n);
        const next = periodStart(anchor, interval, n + 1);
        expect(start.getTime()).toBeLessThan(next.getTime());
        const period = periodContaining(anchor, interval, start);
        expect(period).toEqual({ index: n, start, end: next });
        expect(periodContaining(anchor, interval, new Date(next.getTime() - 1)).index).toBe(n);
      }),
    );
  });

  it('keeps the calendar date of anchor + n intervals, clamped to the month', () => {
    const recentAnchor = fc.record({
      at: fc.date({
        min: new Date('2012-01-01T00:00Z'),
        max: new Date('2090-01-01T00:00Z'),
        noInvalidDate: true,
      }),
      timeZone: fc.constantFrom(...timeZones),
    });
    fc.assert(
      fc.property(recentAnchor, intervalArb, fc.nat(120), (anchor, interval, n) => {
        const anchorDate = Temporal.PlainDate.from(wallClock(anchor.at, anchor.timeZone).slice(0, 10));
        const expected = anchorDate.add({ [`${interval.unit}s`]: interval.count * n });
        const actual = wallClock(periodStart(anchor, interval, n), anchor.timeZone).slice(0, 10);
        // Gaps here end on the day they start (Sao Paulo's went 00:00 → 01:00), so the date always holds.
        expect(actual).toBe(expected.toString());
      }),
    );
  });

  it('finds the period containing any instant after the anchor', () => {
    const fortyYears = 40 * 366 * 24 * hour;
    fc.assert(
      fc.property(
        anchorArb,
        intervalArb,
        fc.integer({ min: 0, max: fortyYears }),
        (anchor, interval, offset) => {
          const at = new Date(anchor.at.getTime() + offset);
          const period = periodContaining(anchor, interval, at);
          expect(period.start.getTime()).toBeLessThanOrEqual(at.getTime());
          expect(at.getTime()).toBeLessThan(period.end.getTime());
          expect(period.start).toEqual(periodStart(anchor, interval, period.index));
        },
      ),
    );
  });

  it('covers a span with consecutive periods', () => {
    const year = 366 * 24 * hour;
    fc.assert(
      fc.property(
        anchorArb,
        intervalArb,
        fc.integer({ min: -year, max: year }),
        fc.nat(year),
        (anchor, interval, shift, span) => {
          const from = new Date(anchor.at.getTime() + shift);
          const to = new Date(from.getTime() + span);
          const periods = periodsBetween(anchor, interval, from, to);
          if (to.getTime() <= Math.max(from.getTime(), anchor.at.getTime())) {
            expect(periods).toEqual([]);
            return;
          }
          expect(periods[0]?.start.getTime()).toBeLessThanOrEqual(
            Math.max(from.getTime(), anchor.at.getTime()),
          );
          expect(periods.at(-1)?.end.getTime()).toBeGreaterThanOrEqual(to.getTime());
          expect(periods.at(-1)?.start.getTime()).toBeLessThan(to.getTime());
          periods.slice(1).forEach((period, i) => {
            expect(period.index).toBe((periods[i]?.index ?? 0) + 1);
            expect(period.start).toEqual(periods[i]?.end);
          });
        },
      ),
    );
  });

  it('refuses bad input with the field at fault', () => {
    const anchor = localAnchor('2027-01-31T00:00', 'Europe/Berlin');
    expect(failingFields(() => periodStart(anchor, { unit: 'month', count: 0 }, 1))).toEqual(['count']);
    expect(failingFields(() => periodStart(anchor, { unit: 'month', count: 1.5 }, 1))).toEqual(['count']);
    const fortnight = { unit: 'fortnight', count: 1 } as unknown as Interval;
    expect(failingFields(() => periodStart(anchor, fortnight, 1))).toEqual(['unit']);
    expect(failingFields(() => periodStart({ ...anchor, timeZone: 'Mars/Olympus' }, monthly, 1))).toEqual([
      'timeZone',
    ]);
    expect(failingFields(() => localAnchor('2027-01-31T00:00', 'Europe/Berlín'))).toEqual(['timeZone']);
    expect(failingFields(() => localAnchor('31/01/2027', 'Europe/Berlin'))).toEqual(['at']);
    expect(failingFields(() => periodStart(anchor, monthly, -1))).toEqual(['n']);
    expect(failingFields(() => periodContaining(anchor, monthly, new Date('2027-01-01T00:00Z')))).toEqual([
      'at',
    ]);
    expect(failingFields(() => periodContaining(anchor, monthly, new Date(Number.NaN)))).toEqual(['at']);
    const later = new Date('2027-06-01T00:00Z');
    expect(failingFields(() => periodsBetween(anchor, monthly, later, anchor.at))).toEqual(['from']);
  });
});
