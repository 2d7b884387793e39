export type { TaxesContext } from './context.js';
export type { TaxRate, TaxRule } from './tax-types.js';
export { ppmToPercent, percentToPpm } from './tax-percent.js';
export { createTaxRate, type CreateTaxRateInput } from './create-tax-rate.js';
export { updateTaxRate, type UpdateTaxRateInput } from './update-tax-rate.js';
export { setTaxRateArchived } from './archive-tax-rate.js';
export { getTaxRate } from './find-tax-rate.js';
export {
  listTaxRates,
  listTaxRateCountries,
  taxRateSortKeys,
  type ListTaxRatesInput,
  type TaxRateSortKey,
} from './list-tax-rates.js';
export {
  resolveTaxRate,
  taxResolver,
  type ResolvedTax,
  type TaxCustomer,
  type TaxResolver,
} from './resolve-tax-rate.js';
export { taxRounding, taxForLine, cartTax, type LineTax, type CartTax } from './tax-arithmetic.js';
