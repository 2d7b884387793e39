import { z } from 'zod';
import { validationError } from '../../lib/app-error.js';
import { isCurrency, parseDecimal } from '../../lib/money.js';

/** The fields staff give for any balance change: currency, a decimal amount and why. */
export const balanceChangeFields = {
  currency: z
    .string({ error: 'is required' })
    .trim()
    .toUpperCase()
    .refine(isCurrency, 'must be an ISO 4217 code such as USD or EUR'),
  amount: z
    .string({ error: 'is required: a decimal amount such as 12.50' })
    .trim()
    .min(1, 'is required: a decimal amount such as 12.50'),
  reason: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required: say why, for the audit log')
    .max(500, 'must be at most 500 characters'),
};

/** The amount in minor units of the currency; more than zero, at most the currency's decimals. */
export function positiveMinorUnits(amount: string, currency: string): bigint {
  const { amount: minor } = parseDecimal(amount, currency);
  if (minor <= 0n) throw validationError({ amount: 'must be more than 0' });
  return minor;
}
