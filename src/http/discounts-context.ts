import type { DiscountsContext } from '../modules/discounts/index.js';
import type { AppServices } from './services.js';

/** The discount use cases need only the database and the clock the app already has. */
export const discountsContextOf = (services: AppServices): DiscountsContext => ({
  db: services.db,
  clock: services.clock,
});
