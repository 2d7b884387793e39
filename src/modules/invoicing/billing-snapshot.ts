import type { Customer } from '../customers/index.js';

/** The customer's billing details as printed on an invoice, frozen when it is finalized. */
export function billingSnapshotOf(customer: Customer): string {
  return JSON.stringify({
    name: customer.name,
    email: customer.email,
    addressLines: [
      customer.addressLine1,
      customer.addressLine2,
      [customer.postalCode, customer.city].filter(Boolean).join(' '),
      customer.region,
      customer.country,
    ].filter((line): line is string => Boolean(line)),
    taxId: customer.taxId,
    locale: customer.locale,
    timeZone: customer.timeZone,
  });
}
