import { AppError, validationError, type FieldErrors } from '../../../../lib/app-error.js';
import { isCurrency, parseDecimal } from '../../../../lib/money.js';
import type {
  AmountOffInput,
  CreateCouponInput,
  UpdateCouponInput,
} from '../../../../modules/discounts/index.js';
import { utcFromInput } from '../../date-time-input.js';

const blank = (text: string | undefined) => (text ?? '').trim() === '';
const orNull = (text: string | undefined) => (blank(text) ? null : (text ?? '').trim());

/** "EUR 5, USD 6.50" → amounts in exact minor units; a line that cannot be read is refused on `amountsOff`. */
function amountsFrom(text: string | undefined): AmountOffInput[] | null {
  if (blank(text)) return null;
  const amounts: AmountOffInput[] = [];
  for (const item of (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]{3})\s+(\S+)$/.exec(item);
    const currency = match?.[1]?.toUpperCase() ?? '';
    if (!match || !isCurrency(currency))
      throw validationError({
        amountsOff: `cannot read "${item}": write a currency and an amount, e.g. EUR 5.00`,
      });
    try {
      amounts.push({ currency, amount: parseDecimal(match[2] ?? '', currency).amount });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw validationError({ amountsOff: `${currency} ${error.fields?.['amount'] ?? 'is not an amount'}` });
    }
  }
  return amounts;
}

/** The settings every coupon form has: name, window and limits. */
export function couponSettingsFrom(values: Record<string, string>): UpdateCouponInput {
  return {
    name: values['name'] ?? '',
    validFrom: utcFromInput(values['validFrom']) ?? null,
    validUntil: utcFromInput(values['validUntil']) ?? null,
    maxRedemptions: orNull(values['maxRedemptions']),
    perCustomerLimit: orNull(values['perCustomerLimit']),
  };
}

/** The new-coupon form as createCoupon takes it; `planIds` are the plans ticked (a form field repeats). */
export function newCouponFrom(values: Record<string, string>, planIds: string[]): CreateCouponInput {
  return {
    ...couponSettingsFrom(values),
    name: values['name'] ?? '',
    percentOff: orNull(values['percentOff']),
    amountsOff: amountsFrom(values['amountsOff']),
    duration: (values['duration'] ?? '') as never,
    durationPeriods: values['duration'] === 'repeating' ? orNull(values['durationPeriods']) : null,
    planIds,
    firstTimeOnly: values['firstTimeOnly'] === 'true',
  };
}

/** The add-code form as createPromotionCode takes it. */
export function promotionCodeFrom(values: Record<string, string>) {
  return {
    code: values['code'] ?? '',
    maxRedemptions: orNull(values['maxRedemptions']),
    perCustomerLimit: orNull(values['perCustomerLimit']),
    expiresAt: utcFromInput(values['expiresAt']) ?? null,
    firstTimeOnly: values['firstTimeOnly'] === 'true',
  };
}

/** Every value of a form field that may repeat (ticked boxes): one value arrives as a string, more as a list. */
export function repeatedField(body: unknown, name: string): string[] {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Errors on a list's items ("amountsOff.0.amount") belong to the one box the list was typed in. */
export function withCouponFieldNames(error: unknown): unknown {
  if (!(error instanceof AppError) || !error.fields) return error;
  const fields: FieldErrors = {};
  for (const [key, message] of Object.entries(error.fields)) {
    const box = key.split('.')[0] ?? key;
    fields[box] ??= message;
  }
  return new AppError(error.code, error.userMessage, { fields });
}
