import { z } from 'zod';

const wholeNumber = (field: z.ZodNumber) => field.int('must be a whole number');

/** A line typed in by a person (manual invoices): what, how many, at what unit price. */
export const manualLineInput = z.object({
  description: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(500, 'must be at most 500 characters'),
  quantity: wholeNumber(z.coerce.number({ error: 'must be a whole number' }))
    .min(1, 'must be at least 1')
    .max(1_000_000, 'must be at most 1000000'),
  unitAmount: z
    .union([z.number(), z.bigint(), z.string().regex(/^-?\d+$/, 'must be a whole number of minor units')], {
      error: 'must be a whole number of minor units',
    })
    .transform((value) => BigInt(value))
    .refine((value) => value !== 0n, 'must not be 0')
    .refine((value) => value < 10n ** 15n && value > -(10n ** 15n), 'must be below 10^15 minor units'),
});

export const invoiceSettingsFields = {
  paymentTermsDays: wholeNumber(z.coerce.number({ error: 'must be a whole number of days' }))
    .min(0, 'must not be negative')
    .max(365, 'must be at most 365'),
  memo: z.string().trim().max(2000, 'must be at most 2000 characters'),
};
