import { AppError } from '../../lib/app-error.js';
import type { FormState } from './components/form.js';

/** Plain string fields of a submitted form (everything else is dropped). */
export function formValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body))
      if (typeof value === 'string' && key !== '_csrf') values[key] = value;
  }
  return values;
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
