import type {
  AddonPriceInput,
  CreateAddonInput,
  UpdateAddonInput,
} from '../../../../modules/catalog/index.js';
import { commaSeparated } from '../../form-state.js';
import { priceFrom } from './catalog-form-values.js';

const blank = (text: string | undefined) => (text ?? '').trim() === '';

/** The add-on settings form (also part of the add-add-on form), as the use cases take it. */
export function addonSettingsFrom(values: Record<string, string>): UpdateAddonInput {
  return {
    name: values['name'] ?? '',
    description: values['description'] ?? '',
    optionGroup: blank(values['optionGroup']) ? null : (values['optionGroup'] ?? ''),
    maxQuantity: blank(values['maxQuantity']) ? 1 : values['maxQuantity'],
    entitlementKeys: commaSeparated(values['entitlementKeys']),
  };
}

/** The add-add-on form of a product's page as createAddon takes it (prices are set on the add-on's page). */
export function createAddonFrom(productId: string, values: Record<string, string>): CreateAddonInput {
  const settings = addonSettingsFrom(values);
  return { ...settings, name: settings.name ?? '', productId, code: values['code'] ?? '' };
}

/**
 * The add-on price form: currency and amount (a decimal such as 4.99, read exactly as plan prices
 * are) and the billing interval it is for.
 */
export function addonPriceFrom(values: Record<string, string>): AddonPriceInput & { currency: string } {
  const { currency, amount } = priceFrom({ ...values, setupFee: '' });
  return {
    currency,
    amount,
    intervalUnit: (values['intervalUnit'] ?? '') as never,
    intervalCount: blank(values['intervalCount']) ? 1 : values['intervalCount'],
  };
}
