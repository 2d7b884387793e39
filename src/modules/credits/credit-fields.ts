import { z } from 'zod';
import { isUnit } from '../ledger/index.js';

/** A whole number of credits above zero, as a JSON number or a string of digits (for big ones). */
export const creditAmountField = z
  .union([z.number(), z.string()], { error: 'must be a whole number of credits' })
  .transform((value, ctx) => {
    const text =
      typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : '') : value.trim();
    if (!/^\d{1,18}$/.test(text) || BigInt(text) === 0n) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number of credits above zero' });
      return z.NEVER;
    }
    return BigInt(text);
  });

export const creditUnitField = z
  .string({ error: 'is required' })
  .trim()
  .refine(
    isUnit,
    'must start with a letter and hold letters, digits, underscores or single spaces (at most 40)',
  );

export const creditDescriptionField = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required: say what the credits were used for')
  .max(500, 'must be at most 500 characters');
