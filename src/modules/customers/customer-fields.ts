import { z } from 'zod';
import { isCountryCode } from '../../lib/country.js';
import { isCurrency } from '../../lib/money.js';

export const identityProviders = [
  'discord',
  'plex',
  'jellyfin',
  'emby',
  'stripe',
  'paypal',
  'external',
] as const;
export type IdentityProvider = (typeof identityProviders)[number];

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((value) => value || null)
    .nullable();

/** Every field a customer record has, validated; create uses them all, update any subset. */
export const customerFields = {
  email: z
    .string({ error: 'is required' })
    .trim()
    .toLowerCase()
    .max(254, 'must be at most 254 characters')
    .pipe(z.email({ error: 'must be a valid email address' })),
  name: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(200, 'must be at most 200 characters'),
  currency: z
    .string({ error: 'is required' })
    .trim()
    .toUpperCase()
    .refine(isCurrency, 'must be an ISO 4217 code such as USD or EUR'),
  locale: z.string().trim().refine(isLocale, 'must be a language tag such as en-US or de-DE'),
  timeZone: z.string().trim().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  postalCode: optionalText(20),
  region: optionalText(100),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .transform((value) => value || null)
    .refine(
      (value) => value === null || isCountryCode(value),
      'must be a two-letter country code such as DE or US',
    )
    .nullable(),
  taxId: optionalText(50),
  // No tax is charged; with a tax id on file, invoices say the reverse charge applies.
  taxExempt: z.boolean({ error: 'must be true or false' }),
  tags: z
    .array(
      z.string().trim().toLowerCase().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
    )
    .max(30, 'at most 30 tags')
    .transform((tags) => [...new Set(tags)].sort()),
  notes: z.string().trim().max(10_000, 'must be at most 10000 characters'),
};

export const identityInput = z.object({
  provider: z.enum(identityProviders, { error: `must be one of ${identityProviders.join(', ')}` }),
  externalId: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'is required')
    .max(200, 'must be at most 200 characters'),
  label: optionalText(200).default(null),
});

export type IdentityInput = z.input<typeof identityInput>;
