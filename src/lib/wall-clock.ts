import { Temporal } from 'temporal-polyfill';

/**
 * Fast conversions between instants and wall-clock times in IANA zones. The Temporal polyfill is
 * exact but slow (tens of microseconds per call), and the bill run converts hundreds of thousands of
 * boundaries; here each zone's offset transitions are read from Temporal once per year and cached,
 * and calendar arithmetic is plain integer math. A wall-clock time is represented as the epoch
 * milliseconds it would have in UTC ("local ms"), so day and month fields come from Date's UTC getters.
 */

interface ZoneYear {
  /** Offset (ms) in force at the start of the year. */
  initial: number;
  /** Offset changes inside the year, in order: from `at` (epoch ms) on, `offset` applies. */
  changes: { at: number; offset: number }[];
}

const validZones = new Set<string>();
const years = new Map<string, ZoneYear>();
const dayMs = 86_400_000;

/** Whether `timeZone` is an IANA zone (or UTC) that this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  if (validZones.has(timeZone)) return true;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
  } catch {
    return false;
  }
  validZones.add(timeZone);
  return true;
}

function zoneYear(timeZone: string, year: number): ZoneYear {
  const key = `${timeZone}|${year}`;
  const cached = years.get(key);
  if (cached) return cached;
  const end = Date.UTC(year + 1, 0, 1);
  let cursor = Temporal.Instant.fromEpochMilliseconds(Date.UTC(year, 0, 1)).toZonedDateTimeISO(timeZone);
  const entry: ZoneYear = { initial: cursor.offsetNanoseconds / 1e6, changes: [] };
  for (;;) {
    const next = cursor.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds >= end) break;
    entry.changes.push({ at: next.epochMilliseconds, offset: next.offsetNanoseconds / 1e6 });
    cursor = next;
  }
  years.set(key, entry);
  return entry;
}

/** The zone's UTC offset (ms) at an instant. */
export function offsetAt(epochMs: number, timeZone: string): number {
  const entry = zoneYear(timeZone, new Date(epochMs).getUTCFullYear());
  let offset = entry.initial;
  for (const change of entry.changes) {
    if (change.at > epochMs) break;
    offset = change.offset;
  }
  return offset;
}

/** The wall-clock time ("local ms") an instant shows in a zone. */
export function toLocalMs(epochMs: number, timeZone: string): number {
  return epochMs + offsetAt(epochMs, timeZone);
}

/** The first offset change at an instant in (after, upTo], if any. */
function changeBetween(after: number, upTo: number, timeZone: string): number | undefined {
  for (let year = new Date(after).getUTCFullYear(); year <= new Date(upTo).getUTCFullYear(); year += 1) {
    const found = zoneYear(timeZone, year).changes.find((change) => change.at > after && change.at <= upTo);
    if (found) return found.at;
  }
  return undefined;
}

/**
 * Wall-clock time → instant. A time that happens twice (fall-back overlap) takes the earlier
 * instant; a time that does not exist (spring-forward gap) becomes the instant the gap ends. Zones
 * change offset at most once within any two days, so the offsets a day before and a day after are
 * the only candidates.
 */
export function fromLocalMs(localMs: number, timeZone: string): number {
  const before = offsetAt(localMs - dayMs, timeZone);
  const after = offsetAt(localMs + dayMs, timeZone);
  const candidates = [localMs - before, localMs - after].filter(
    (instant) => instant + offsetAt(instant, timeZone) === localMs,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: the clock jumped from before the wall time to after it at one transition.
  const gapEnd = changeBetween(
    Math.min(localMs - before, localMs - after),
    Math.max(localMs - before, localMs - after),
    timeZone,
  );
  if (gapEnd === undefined) throw new Error(`No transition found for a gap in ${timeZone}`);
  return gapEnd;
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * Calendar arithmetic on a wall-clock time: + `months` months (the day clamped to the target
 * month's length, as 31 Jan + 1 month = 28 Feb) and + `days` days, keeping the time of day.
 */
export function addToLocal(localMs: number, months: number, days: number): number {
  const date = new Date(localMs);
  const timeOfDay = localMs - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const monthIndex = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  return Date.UTC(year, month, day) + days * dayMs + timeOfDay;
}
