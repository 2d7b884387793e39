import { Temporal } from 'temporal-polyfill';

/** A stretch of calendar time such as "2 weeks" or "3 months". */
export interface CalendarSpan {
  days?: number;
  weeks?: number;
  months?: number;
  years?: number;
}

const units = { d: 'days', w: 'weeks', m: 'months', y: 'years' } as const;

/** "1d", "2w", "3m", "1y" → a span; null when the text is not one. */
export function parseSpan(text: string): CalendarSpan | null {
  const match = /^(\d{1,4})([dwmy])$/.exec(text.trim().toLowerCase());
  if (!match?.[1] || !match[2]) return null;
  const count = Number(match[1]);
  if (count === 0) return null;
  return { [units[match[2] as keyof typeof units]]: count };
}

/**
 * `at` moved by the span on the UTC calendar: months and years keep the day of the month where it
 * exists (31 January + 1 month = 28 or 29 February), as people count them.
 */
export function addSpan(at: Date, span: CalendarSpan, direction: 1 | -1 = 1): Date {
  const signed = Object.fromEntries(Object.entries(span).map(([unit, count]) => [unit, count * direction]));
  const moved = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO('UTC').add(signed);
  return new Date(moved.epochMilliseconds);
}
