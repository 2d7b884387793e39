import { z } from 'zod';
import { isCurrency } from '../../lib/money.js';

export const productKinds = ['membership', 'service', 'credits', 'one_time'] as const;
export type ProductKind = (typeof productKinds)[number];

/** 'one_time' bills once; the others repeat every `intervalCount` of them. */
export const billingUnits = ['day', 'week', 'month', 'year', 'one_time'] as const;
export type BillingUnit = (typeof billingUnits)[number];

export const changeTimings = ['immediately', 'period_end'] as const;

/** What an immediate plan change does with the old plan's unspent credits. */
export const creditPlanChangeRules = ['forfeit', 'carry'] as const;

export const nameField = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(120, 'must be at most 120 characters');

export const descriptionField = z.string().trim().max(2000, 'must be at most 2000 characters');

export const codeField = z
  .string({ error: 'is required' })
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9_-]{1,62}$/,
    'must be 2–63 letters, digits, - or _, starting with a letter or digit',
  );

export const entitlementKeyField = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9._:-]{0,63}$/,
    'must be lowercase letters, digits, ".", ":", "-" or "_" (e.g. plex.library.4k)',
  );

export const currencyField = z
  .string({ error: 'is required' })
  .trim()
  .toUpperCase()
  .refine(isCurrency, 'must be an ISO 4217 code such as USD or EUR');

// A quadrillion minor units is far above any real price and keeps amounts exact as JSON numbers.
const maxMinorUnits = 10n ** 15n;

/** Minor units (cents): a whole number, positive for prices. */
export const minorUnitsField = (minimum: 0 | 1) =>
  z
    .union([z.number(), z.bigint(), z.string().regex(/^-?\d+$/, 'must be a whole number of minor units')], {
      error: 'must be a whole number of minor units',
    })
    .transform((value, ctx) => {
      if (typeof value === 'number' && !Number.isSafeInteger(value)) {
        ctx.addIssue({ code: 'custom', message: 'must be a whole number of minor units' });
        return z.NEVER;
      }
      const amount = BigInt(value);
      if (amount > maxMinorUnits) {
        ctx.addIssue({ code: 'custom', message: `must be at most ${maxMinorUnits}` });
        return z.NEVER;
      }
      if (amount < BigInt(minimum)) {
        ctx.addIssue({
          code: 'custom',
          message: minimum === 1 ? 'must be more than zero' : 'must not be negative',
        });
        return z.NEVER;
      }
      return amount;
    });

export const priceInput = z.object({
  currency: currencyField,
  amount: minorUnitsField(1),
  setupFee: minorUnitsField(0).default(0n),
});

export type PriceInput = z.input<typeof priceInput>;
