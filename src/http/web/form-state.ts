import { AppError, type FieldErrors } from '../../lib/app-error.js';
import { parseDecimal } from '../../lib/money.js';
import { httpStatusByCode } from '../errors.js';
import { emptyForm, type FormState } from './components/form.js';

/** Plain string fields of a submitted form (everything else is dropped). */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body))
      if (typeof value === 'string' && key !== '_csrf') values[key] = value;
  }
  return values;
}

/** A list typed into one text box: "vip, plex ,  " → ["vip", "plex"]; blanks are dropped. */
export function commaSeparated(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * An amount typed as a decimal ("12.50") in exact minor units of `currency`. When it is not one,
 * the answer is undefined and `errors` gets the reason under `field`, so a form can report every
 * bad amount at once.
 */
export function decimalAmount(
  text: string,
  currency: string,
  field: string,
  errors: FieldErrors,
): bigint | undefined {
  try {
    return parseDecimal(text, currency).amount;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    errors[field] = error.fields?.['amount'] ?? 'is not an amount';
    return undefined;
  }
}

/**
 * Turns an expected failure of a form submission into the state to re-render the form with,
 * keeping what was typed (never passwords). Unexpected errors are rethrown to the error handler.
 */
export function failedForm(
  error: unknown,
  values: Record<string, string>,
): FormState & { code: AppError['code'] } {
  if (!(error instanceof AppError) || error.code === 'internal') throw error;
  const kept = Object.fromEntries(
    Object.entries(values).filter(([key]) => !key.toLowerCase().includes('password')),
  );
  return { values: kept, errors: error.fields ?? {}, message: error.userMessage, code: error.code };
}

/**
 * The same refusal with its field names changed, so an error a use case names by its own input
 * (e.g. "lines.0.amount") shows next to the form field it came from. Anything else passes as is.
 */
export function withFieldsRenamed(error: unknown, rename: (field: string) => string): unknown {
  if (!(error instanceof AppError) || !error.fields) return error;
  const fields = Object.fromEntries(
    Object.entries(error.fields).map(([key, message]) => [rename(key), message]),
  );
  return new AppError(error.code, error.userMessage, { fields });
}

/** On a page with several forms: which one was refused, and what to show it again with. */
export interface RefusedForm<Name extends string> {
  name: Name;
  state: ReturnType<typeof failedForm>;
}

/**
 * The refusal of form `name` of a multi-form page. A missing record or a missing permission is
 * not something the form can fix, so those go on to the error page (404 / 403).
 */
export function refusedForm<Name extends string>(
  name: Name,
  error: unknown,
  values: Record<string, string>,
): RefusedForm<Name> {
  const state = failedForm(error, values);
  if (state.code === 'not_found' || state.code === 'forbidden') throw error;
  return { name, state };
}

/** What form `name` shows: its errors and typed values if it was the one refused, else nothing. */
export function formStateOf<Name extends string>(
  refused: RefusedForm<Name> | undefined,
  name: Name,
): FormState {
  return refused?.name === name ? refused.state : emptyForm;
}

/** The page's status: 200, or the one of the refusal it shows. */
export function refusedStatus(refused: RefusedForm<string> | undefined): number {
  return refused ? httpStatusByCode[refused.state.code] : 200;
}
