import type { TaxesContext } from '../modules/taxes/index.js';
import type { AppServices } from './services.js';

/** The tax use cases need only the database and the clock the app already has. */
export const taxesContextOf = (services: AppServices): TaxesContext => ({
  db: services.db,
  clock: services.clock,
});
