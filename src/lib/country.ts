const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** True for an ISO 3166-1 alpha-2 country code this runtime knows, in capitals (DE, US). */
export function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && regionNames.of(value) !== undefined;
}

/** The country's English name ("Germany" for DE); the code itself when the runtime has no name. */
export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}
