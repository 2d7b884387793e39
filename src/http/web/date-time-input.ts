// A datetime-local box sends a wall-clock time with no zone ("2027-03-01T10:00"). Staff pages show
// every time in UTC, so that is how a typed time is read too — never in the server's own zone.
const zoneless = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * A typed date-time as an ISO instant in UTC; empty stays undefined, and anything that is not a
 * zoneless date-time passes through unchanged, so the use case refuses it with its own message.
 */
export function utcFromInput(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return zoneless.test(trimmed) ? `${trimmed}Z` : trimmed;
}

/** The value a datetime-local box shows for an instant, in UTC ("2027-03-01T10:00"). */
export function inputFromDate(date: Date): string {
  return date.toISOString().slice(0, 16);
}
