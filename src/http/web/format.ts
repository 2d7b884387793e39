import { formatMoney, isCurrency } from '../../lib/money.js';
// Built once: constructing Intl formatters is far slower than using them.
const dateTime = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const timeOnly = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const wholeNumber = new Intl.NumberFormat('en-GB');

/** Dates for people: "23 Nov 2026, 14:05 UTC". Staff see UTC until per-user time zones exist. */
export function formatDateTime(date: Date | null | undefined): string {
  return date ? dateTime.format(date) : '—';
}

/** "23 Nov 2026" (UTC), where the time of day would only be noise. */
export function formatDate(date: Date | null | undefined): string {
  return date ? dateOnly.format(date) : '—';
}

/** "14:02:10 UTC": the time of day to the second, for things that happen within minutes. */
export function formatTime(date: Date): string {
  return timeOnly.format(date);
}

/** "45,210". */
export function formatCount(count: number | bigint): string {
  return wholeNumber.format(count);
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function formatAgo(date: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - date.getTime()) / 1000));
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return relative.format(-Math.max(1, Math.round(seconds / 60)), 'minute');
  if (seconds < 86_400) return relative.format(-Math.round(seconds / 3600), 'hour');
  return relative.format(-Math.round(seconds / 86_400), 'day');
}

/** An amount of a ledger unit: money in the locale's way, credits as a plain count ("1200 credits"). */
export function formatUnitAmount(amount: bigint, unit: string, locale = 'en-US'): string {
  return isCurrency(unit) ? formatMoney({ amount, currency: unit }, locale) : `${amount} ${unit}`;
}
