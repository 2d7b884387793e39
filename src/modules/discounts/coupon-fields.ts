import { z } from 'zod';
import { isCurrency } from '../../lib/money.js';
import { isUuid } from '../../lib/ids.js';
import { couponDurations } from './discount-types.js';
import { ppmFromPercent, wholePpm } from './percent.js';

// A quadrillion minor units, as the catalog's prices: far above any real amount, exact as JSON numbers.
const maxMinorUnits = 10n ** 15n;

export const couponNameField = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(120, 'must be at most 120 characters');

/** A percent as a number (12.5) or decimal text ("12.5"), kept as parts per million. */
export const percentOffField = z
  .union([z.number(), z.string()], { error: 'must be a percentage such as 20 or 12.5' })
  .transform((value, ctx) => {
    const ppm = ppmFromPercent(String(value));
    if (ppm === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a percentage such as 20 or 12.5 (at most 4 decimals)',
      });
      return z.NEVER;
    }
    if (ppm <= 0 || ppm > wholePpm) {
      ctx.addIssue({ code: 'custom', message: 'must be more than 0 and at most 100' });
      return z.NEVER;
    }
    return ppm;
  });

const amountOffField = z
  .union([z.number(), z.bigint(), z.string().regex(/^-?\d+$/, 'must be a whole number of minor units')], {
    error: 'must be a whole number of minor units',
  })
  .transform((value, ctx) => {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number of minor units' });
      return z.NEVER;
    }
    const amount = BigInt(value);
    if (amount < 1n) {
      ctx.addIssue({ code: 'custom', message: 'must be more than zero' });
      return z.NEVER;
    }
    if (amount > maxMinorUnits) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${maxMinorUnits}` });
      return z.NEVER;
    }
    return amount;
  });

export const amountOffInput = z.object({
  currency: z
    .string({ error: 'is required' })
    .trim()
    .toUpperCase()
    .refine(isCurrency, 'must be an ISO 4217 code such as USD or EUR'),
  amount: amountOffField,
});

export type AmountOffInput = z.input<typeof amountOffInput>;

/** A limit of uses: a whole number of at least 1, or null for none. */
export const limitField = z
  .union([z.null(), z.literal(''), z.coerce.number({ error: 'must be a whole number' })])
  .transform((value, ctx) => {
    if (value === null || value === '') return null;
    if (!Number.isInteger(value) || value < 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a whole number of at least 1, or empty for no limit',
      });
      return z.NEVER;
    }
    if (value > 1_000_000_000) {
      ctx.addIssue({ code: 'custom', message: 'must be at most 1000000000' });
      return z.NEVER;
    }
    return value;
  });

/** An instant (ISO 8601 with a zone), or null / empty for none. */
export const optionalInstantField = z
  .union([z.null(), z.literal(''), z.string(), z.date()], {
    error: 'must be a date and time such as 2027-03-01T00:00:00Z',
  })
  .transform((value, ctx) => {
    if (value === null || value === '') return null;
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime()) || (typeof value === 'string' && !/\d{4}-\d{2}-\d{2}/.test(value))) {
      ctx.addIssue({ code: 'custom', message: 'must be a date and time such as 2027-03-01T00:00:00Z' });
      return z.NEVER;
    }
    return date;
  });

export const durationField = z.enum(couponDurations, {
  error: `must be one of ${couponDurations.join(', ')}`,
});

export const durationPeriodsField = z
  .union([z.null(), z.literal(''), z.coerce.number({ error: 'must be a whole number' })])
  .transform((value, ctx) => {
    if (value === null || value === '') return null;
    if (!Number.isInteger(value) || value < 1 || value > 1200) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number from 1 to 1200' });
      return z.NEVER;
    }
    return value;
  });

export const planIdsField = z
  .array(z.string().refine(isUuid, 'must be a plan id'), { error: 'must be a list of plan ids' })
  .max(200, 'at most 200 plans')
  .transform((ids) => [...new Set(ids)]);

/** Refuses a window that ends before (or when) it begins. */
export function windowProblem(validFrom: Date | null, validUntil: Date | null): string | undefined {
  if (validFrom && validUntil && validUntil.getTime() <= validFrom.getTime())
    return 'must be after the start (valid from)';
  return undefined;
}
