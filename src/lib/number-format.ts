/**
 * Document number formats such as INV-{YYYY}-{000000}: one zero-padded counter (its width is the
 * number of zeros) and optionally the year. No business rules: which series exist is the caller's.
 */
const counterToken = /\{(0+)\}/;

/** Why a format is unusable, or null when it is fine. */
export function numberFormatProblem(format: string): string | null {
  const counters = format.match(/\{0+\}/g) ?? [];
  const unknown = (format.match(/\{[^}]*\}/g) ?? []).filter((token) => !/^\{(0+|YYYY)\}$/.test(token));
  if (counters.length !== 1 || unknown.length > 0)
    return 'must contain one counter such as {000000} and may contain {YYYY}, nothing else in braces';
  if (format.length > 60) return 'must be at most 60 characters';
  return null;
}

/** The number for counter `n`: INV-{YYYY}-{000000} with 2027 and 42 → INV-2027-000042. */
export function formatNumber(format: string, year: number, n: number): string {
  return format
    .replace('{YYYY}', String(year))
    .replace(counterToken, (_, zeros: string) => String(n).padStart(zeros.length, '0'));
}
