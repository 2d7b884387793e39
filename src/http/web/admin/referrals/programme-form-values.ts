import type { FieldErrors } from '../../../../lib/app-error.js';
import { isCurrency, toDecimalString } from '../../../../lib/money.js';
import type {
  ReferralProgramme,
  ReferralProgrammeInput,
  RewardKind,
} from '../../../../modules/referrals/index.js';
import { decimalAmount, withFieldsRenamed } from '../../form-state.js';

/** Tier rows the form offers; blank rows are left out, so a tier is removed by clearing its months. */
export const tierRows = 8;

/** The form's values for the programme as saved; money as people write it (5.00, not 500). */
export function programmeValues(programme: ReferralProgramme): Record<string, string> {
  const values: Record<string, string> = {
    enabled: programme.enabled ? 'true' : '',
    rewardKind: programme.rewardKind,
    rewardUnit: programme.rewardUnit ?? '',
  };
  programme.tiers.forEach((tier, index) => {
    const amount = tier.amount ?? '';
    values[`tiers.${index}.months`] = String(tier.months);
    values[`tiers.${index}.amount`] =
      programme.rewardKind === 'money' && programme.rewardUnit && amount
        ? toDecimalString({ amount: BigInt(amount), currency: programme.rewardUnit })
        : amount;
    values[`tiers.${index}.couponId`] = tier.couponId ?? '';
  });
  return values;
}

/**
 * The programme a submitted form asks for, and how to show its refusal: the use case numbers the
 * tiers it was given, which skip the blank rows, so each error is moved back to its row. Money is
 * typed in decimals; one that is not an amount of the currency is refused here (`errors`).
 */
export function programmeFrom(values: Record<string, string>) {
  const rows = [...Array(tierRows).keys()].filter((row) => (values[`tiers.${row}.months`] ?? '').trim());
  const currency = (values['rewardUnit'] ?? '').trim().toUpperCase();
  const inMoney = values['rewardKind'] === 'money' && isCurrency(currency);
  const errors: FieldErrors = {};
  const amountOf = (row: number) => {
    const typed = values[`tiers.${row}.amount`] ?? '';
    return inMoney ? decimalAmount(typed, currency, `tiers.${row}.amount`, errors)?.toString() : typed;
  };
  const input: ReferralProgrammeInput = {
    enabled: values['enabled'] === 'true',
    rewardKind: (values['rewardKind'] ?? '') as RewardKind,
    rewardUnit: values['rewardUnit'],
    tiers: rows.map((row) => ({
      months: values[`tiers.${row}.months`],
      amount: amountOf(row),
      couponId: values[`tiers.${row}.couponId`],
    })),
  };
  const onRows = (error: unknown) =>
    withFieldsRenamed(error, (field) =>
      field === 'tiers'
        ? 'tiers.0.months'
        : field.replace(/^tiers\.(\d+)\./, (_, index: string) => `tiers.${rows[Number(index)] ?? 0}.`),
    );
  return { input, onRows, errors };
}
