import type {
  ReferralProgramme,
  ReferralProgrammeInput,
  RewardKind,
} from '../../../../modules/referrals/index.js';
import { withFieldsRenamed } from '../../form-state.js';

/** Tier rows the form offers; blank rows are left out, so a tier is removed by clearing its months. */
export const tierRows = 8;

/** The form's values for the programme as saved. */
export function programmeValues(programme: ReferralProgramme): Record<string, string> {
  const values: Record<string, string> = {
    enabled: programme.enabled ? 'true' : '',
    rewardKind: programme.rewardKind,
  };
  programme.tiers.forEach((tier, index) => {
    values[`tiers.${index}.months`] = String(tier.months);
    values[`tiers.${index}.amount`] = tier.amount ?? '';
    values[`tiers.${index}.couponId`] = tier.couponId ?? '';
  });
  return values;
}

/**
 * The programme a submitted form asks for, and how to show its refusal: the use case numbers the
 * tiers it was given, which skip the blank rows, so each error is moved back to its row.
 */
export function programmeFrom(values: Record<string, string>) {
  const rows = [...Array(tierRows).keys()].filter((row) => (values[`tiers.${row}.months`] ?? '').trim());
  const input: ReferralProgrammeInput = {
    enabled: values['enabled'] === 'true',
    rewardKind: (values['rewardKind'] ?? '') as RewardKind,
    tiers: rows.map((row) => ({
      months: values[`tiers.${row}.months`],
      amount: values[`tiers.${row}.amount`],
      couponId: values[`tiers.${row}.couponId`],
    })),
  };
  const onRows = (error: unknown) =>
    withFieldsRenamed(error, (field) =>
      field === 'tiers'
        ? 'tiers.0.months'
        : field.replace(/^tiers\.(\d+)\./, (_, index: string) => `tiers.${rows[Number(index)] ?? 0}.`),
    );
  return { input, onRows };
}
