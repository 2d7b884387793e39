import { z } from 'zod';
import { validationError } from '../../lib/app-error.js';
import { isCountryCode } from '../../lib/country.js';
import { maxRatePpm, percentToPpm } from './tax-percent.js';

const percentMessage = 'must be a percentage from 0 to 100 with at most 4 decimals, e.g. 19 or 8.875';

/** The fields of a tax rate, validated; create uses them all, update only the name. */
export const taxRateFields = {
  name: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(120, 'must be at most 120 characters'),
  country: z
    .string({ error: 'is required' })
    .trim()
    .toUpperCase()
    .refine(isCountryCode, 'must be a two-letter country code such as DE or US'),
  // Blank means the whole country; a region rate (a state, a province) wins over the country's.
  region: z
    .string({ error: 'must be text' })
    .trim()
    .max(100, 'must be at most 100 characters')
    .nullable()
    .transform((region) => region || null),
  // Text, because a binary fraction cannot hold 8.875 % exactly in every case; numbers are read as written.
  percent: z.union([z.string(), z.number()], { error: percentMessage }).transform((value, ctx) => {
    const ppm = percentToPpm(String(value));
    if (ppm === null || ppm > maxRatePpm) {
      ctx.addIssue({ code: 'custom', message: percentMessage });
      return z.NEVER;
    }
    return ppm;
  }),
  inclusive: z.boolean({ error: 'must be true or false' }),
};

/** What a rate keeps for life: to change one, archive it and add a new rate (like price versions). */
export const fixedTaxRateFields = ['country', 'region', 'percent', 'ratePpm', 'inclusive'] as const;

/** Refuses any attempt to change what a rate keeps for life, naming each field and the way to do it. */
export function refuseFixedFields(input: Record<string, unknown>): void {
  const asked = fixedTaxRateFields.filter((field) => input[field] !== undefined);
  if (asked.length === 0) return;
  throw validationError(
    Object.fromEntries(
      asked.map((field) => [field, 'cannot change on an existing rate: archive it and add a new one']),
    ),
    "A tax rate's country, region, percentage and inclusive setting are fixed once it exists, so invoices keep the rate they were made with. Archive this rate and add a new one instead.",
  );
}
