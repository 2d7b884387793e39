import type { taxRates } from './schema.js';

export type TaxRate = typeof taxRates.$inferSelect;

/** What the arithmetic needs of a rate: parts per million, and whether prices already contain it. */
export interface TaxRule {
  ratePpm: number;
  inclusive: boolean;
}
