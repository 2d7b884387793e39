/** "vip, plex ,  " → ["vip", "plex"]: lists typed into one text box. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

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
    tags: splitList(values['tags']),
    notes: values['notes'] ?? '',
  };
}
