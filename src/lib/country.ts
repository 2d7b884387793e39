const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

// Codes ISO 3166 leaves for private use that the runtime still names (CLDR's "Unknown Region",
// pseudo-locales, "Outlying Oceania"); XK (Kosovo) is private use too but a real place in common use.
const notCountries = new Set(['ZZ', 'XA', 'XB', 'QO']);

/** True for an ISO 3166-1 alpha-2 country code this runtime knows, in capitals (DE, US). */
export function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && !notCountries.has(value) && regionNames.of(value) !== undefined;
}

/** The country's English name ("Germany" for DE); the code itself when the runtime has none. */
export function countryName(code: string): string {
  return regionNames.of(code) ?? code;
}
