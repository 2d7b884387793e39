import { periodStart, type IntervalUnit } from '../../../../modules/subscriptions/index.js';

/** The quick advances the page offers, by the calendar unit they step. */
export const advanceSteps: { unit: IntervalUnit; label: string }[] = [
  { unit: 'day', label: '+1 day' },
  { unit: 'week', label: '+1 week' },
  { unit: 'month', label: '+1 month' },
  { unit: 'year', label: '+1 year' },
];

export function isAdvanceStep(text: string | undefined): text is IntervalUnit {
  return advanceSteps.some((step) => step.unit === text);
}

/**
 * One calendar unit after `from`, on the UTC calendar the staff pages use, stepped the way billing
 * periods step (31 January + 1 month = 28 February), so "+1 month" lands on the next renewal.
 */
export function oneStepLater(from: Date, unit: IntervalUnit): Date {
  return periodStart({ at: from, timeZone: 'UTC' }, { unit, count: 1 }, 1);
}
