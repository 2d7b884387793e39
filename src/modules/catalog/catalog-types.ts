import type { plans, prices, products } from './schema.js';

export type Product = typeof products.$inferSelect;
export type Plan = typeof plans.$inferSelect;
export type Price = typeof prices.$inferSelect;

/** A plan with its current price in each currency. */
export interface PlanWithPrices extends Plan {
  prices: Price[];
}

export interface ProductWithPlans extends Product {
  plans: PlanWithPrices[];
}
