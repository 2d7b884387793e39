import { countryName } from '../../../../lib/country.js';
import { ppmToPercent, type TaxRate } from '../../../../modules/taxes/index.js';

/** "8.875 %" */
export const percentLabel = (rate: TaxRate) => `${ppmToPercent(rate.ratePpm)} %`;

/** How the rate meets a price. */
export const appliedLabel = (rate: TaxRate) =>
  rate.inclusive ? 'included in prices (inclusive)' : 'added on top of prices (exclusive)';

/** "United States · NY", or the country alone for a country-wide rate. */
export const placeLabel = (rate: TaxRate) =>
  rate.region ? `${countryName(rate.country)} · ${rate.region}` : countryName(rate.country);

export const taxRatesExplained =
  "A tax rate applies to customers in its country, or in one region of it (a state, a province), which then wins over the country's rate. Exempt customers pay none.";

export const fixedExplained =
  'The country, region, percentage and inclusive setting are fixed once a rate exists, so invoices keep the rate they were made with. To change them, archive the rate and add a new one.';
