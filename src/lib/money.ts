import { AppError } from './app-error.js';

/** An exact amount: integer minor units (cents, yen, fils) of an ISO 4217 currency. */
export interface Money {
  readonly amount: bigint;
  readonly currency: string;
}

/**
 * ISO 4217 minor-unit exponents that differ from 2. Taken from the ISO table rather than from
 * Intl, because CLDR display digits differ for some currencies (ISK, HUF, TWD …) and books must
 * follow the standard.
 */
const exponentExceptions: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

// Intl leaves out fund codes such as CLF and UYW, which ISO 4217 lists; add them back.
const knownCurrencies = new Set([...Intl.supportedValuesOf('currency'), ...Object.keys(exponentExceptions)]);

/** True when `code` is an ISO 4217 currency code this runtime knows. */
export function isCurrency(code: string): boolean {
  return knownCurrencies.has(code);
}

function assertCurrency(code: string): void {
  if (!isCurrency(code)) {
    throw new AppError('validation_failed', `Unknown currency "${code}".`, {
      fields: { currency: 'must be an ISO 4217 code such as USD or EUR' },
    });
  }
}

/** Number of minor-unit digits of a currency (USD 2, JPY 0, KWD 3). */
export function currencyExponent(currency: string): number {
  assertCurrency(currency);
  return exponentExceptions[currency] ?? 2;
}

export function money(amount: bigint | number, currency: string): Money {
  assertCurrency(currency);
  if (typeof amount === 'number' && !Number.isSafeInteger(amount)) {
    throw new AppError('validation_failed', 'Amounts are whole minor units.', {
      fields: { amount: 'must be a whole number of minor units' },
    });
  }
  return { amount: BigInt(amount), currency };
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new AppError('validation_failed', `Cannot combine ${a.currency} with ${b.currency}.`, {
      logMessage: `currency mismatch ${a.currency}/${b.currency}`,
    });
  }
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: a.amount + b.amount, currency: a.currency };
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: a.amount - b.amount, currency: a.currency };
}

/** Exact decimal text of an amount ("12.30" for 1230 USD), for formatting and export. */
export function toDecimalString(value: Money): string {
  const exponent = currencyExponent(value.currency);
  const negative = value.amount < 0n;
  const digits = (negative ? -value.amount : value.amount).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent > 0 ? '.' + digits.slice(digits.length - exponent) : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Parses a decimal a person typed ("12.3", "-0.05") into exact minor units; refuses extra digits. */
export function parseDecimal(text: string, currency: string): Money {
  const exponent = currencyExponent(currency);
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match || (match[3]?.length ?? 0) > exponent) {
    const allowed = exponent === 0 ? 'a whole number' : `a number with at most ${exponent} decimals`;
    throw new AppError('validation_failed', `"${text}" is not a valid ${currency} amount.`, {
      fields: { amount: `must be ${allowed}` },
    });
  }
  const fraction = (match[3] ?? '').padEnd(exponent, '0');
  const amount = BigInt((match[2] ?? '0') + fraction);
  return { amount: match[1] ? -amount : amount, currency };
}

/** Formats for people in a locale ("$1,234.50", "1.234,50 €"); exact, no float conversion. */
export function formatMoney(value: Money, locale = 'en-US'): string {
  const exponent = currencyExponent(value.currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: value.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // Intl accepts a decimal string and formats it exactly (no binary floating point in between).
  return format.format(toDecimalString(value) as unknown as number);
}

/**
 * Splits an amount into parts proportional to `weights` so that the parts always sum to the
 * whole. Rule: largest remainder — each part gets floor(share), then the leftover minor units go
 * one each to the parts with the largest remainders (earliest first on ties).
 */
export function allocate(value: Money, weights: readonly number[]): Money[] {
  if (weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new AppError('validation_failed', 'Allocation weights must be non-negative whole numbers.');
  }
  const total = weights.reduce((sum, w) => sum + BigInt(w), 0n);
  if (total === 0n) throw new AppError('validation_failed', 'Allocation weights must not all be zero.');
  const sign = value.amount < 0n ? -1n : 1n;
  const absolute = value.amount * sign;
  const parts = weights.map((w) => (absolute * BigInt(w)) / total);
  const remainders = weights.map((w, index) => ({ index, remainder: (absolute * BigInt(w)) % total }));
  let leftover = absolute - parts.reduce((sum, p) => sum + p, 0n);
  remainders.sort((a, b) =>
    b.remainder === a.remainder ? a.index - b.index : b.remainder > a.remainder ? 1 : -1,
  );
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map((amount) => ({ amount: amount * sign, currency: value.currency }));
}
