import { commaSeparated } from '../../form-state.js';

/** The customer fields a form posts, shaped for createCustomer/updateCustomer. */
export function customerInputFrom(values: Record<string, string>) {
  return {
    name: values['name'] ?? '',
    email: values['email'] ?? '',
    currency: values['currency'] ?? '',
    locale: values['locale'] ?? '',
    timeZone: values['timeZone'] ?? '',
    addressLine1: values['addressLine1'] ?? null,
    addressLine2: values['addressLine2'] ?? null,
    city: values['city'] ?? null,
    postalCode: values['postalCode'] ?? null,
    region: values['region'] ?? null,
    country: values['country'] ?? null,
    taxId: values['taxId'] ?? null,
    // A ticked box posts "true"; an unticked one posts nothing.
    taxExempt: values['taxExempt'] === 'true',
    tags: commaSeparated(values['tags']),
    notes: values['notes'] ?? '',
  };
}
