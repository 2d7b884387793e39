import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { addToLocal, fromLocalMs, isTimeZone, toLocalMs } from './wall-clock.js';

const timeZones = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe', // 30-minute DST shift
  'Asia/Kolkata',
  'Pacific/Apia', // skipped 30 Dec 2011 entirely
  'America/Sao_Paulo', // DST once started at midnight
];

const instant = fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2090, 0, 1) });
const zone = fc.constantFrom(...timeZones);

/** Temporal's answer, the slow reference: wall clock as "local ms". */
function referenceLocal(epochMs: number, timeZone: string): number {
  const local = Temporal.Instant.fromEpochMilliseconds(epochMs)
    .toZonedDateTimeISO(timeZone)
    .toPlainDateTime();
  return Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond,
  );
}

/** Temporal's answer for local → instant: earlier of an overlap, end of a gap. */
function referenceInstant(localMs: number, timeZone: string): number {
  const date = new Date(localMs);
  const local = new Temporal.PlainDateTime(
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  );
  const earlier = local.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  if (Temporal.PlainDateTime.compare(earlier.toPlainDateTime(), local) === 0)
    return earlier.epochMilliseconds;
  const gapEnd = earlier.getTimeZoneTransition('next');
  if (!gapEnd) throw new Error('no transition after a gap');
  return gapEnd.epochMilliseconds;
}

describe('wall clock', () => {
  it('shows the same wall-clock time as Temporal for any instant and zone', () => {
    fc.assert(
      fc.property(instant, zone, (epochMs, timeZone) => {
        expect(toLocalMs(epochMs, timeZone)).toBe(referenceLocal(epochMs, timeZone));
      }),
      { numRuns: 2000 },
    );
  });

  it('turns any wall-clock time into the same instant as Temporal, gaps and overlaps included', () => {
    fc.assert(
      fc.property(instant, zone, (localMs, timeZone) => {
        expect(fromLocalMs(localMs, timeZone)).toBe(referenceInstant(localMs, timeZone));
      }),
      { numRuns: 2000 },
    );
  });

  it('resolves the DST edges exactly: a gap to its end, an overlap to its first instant', () => {
    // New York, 14 March 2027: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
    expect(new Date(fromLocalMs(Date.UTC(2027, 2, 14, 2, 30), 'America/New_York')).toISOString()).toBe(
      '2027-03-14T07:00:00.000Z',
    );
    // 7 November 2027: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    expect(new Date(fromLocalMs(Date.UTC(2027, 10, 7, 1, 30), 'America/New_York')).toISOString()).toBe(
      '2027-11-07T05:30:00.000Z',
    );
    // Apia skipped 30 December 2011: noon that day is the instant the day was skipped to.
    expect(new Date(fromLocalMs(Date.UTC(2011, 11, 30, 12), 'Pacific/Apia')).toISOString()).toBe(
      '2011-12-30T10:00:00.000Z',
    );
  });

  it('adds months like the calendar: the day clamps to short months, the time of day stays', () => {
    const jan31 = Date.UTC(2028, 0, 31, 9, 15);
    expect(new Date(addToLocal(jan31, 1, 0)).toISOString()).toBe('2028-02-29T09:15:00.000Z');
    expect(new Date(addToLocal(jan31, 2, 0)).toISOString()).toBe('2028-03-31T09:15:00.000Z');
    expect(new Date(addToLocal(jan31, 13, 0)).toISOString()).toBe('2029-02-28T09:15:00.000Z');
    expect(new Date(addToLocal(jan31, -2, 0)).toISOString()).toBe('2027-11-30T09:15:00.000Z');
    expect(new Date(addToLocal(jan31, 0, 7)).toISOString()).toBe('2028-02-07T09:15:00.000Z');
  });

  it('knows IANA zones and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
