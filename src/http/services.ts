import type { Clock } from '../lib/clock.js';
import type { Config } from '../lib/config.js';
import type { Db } from '../lib/db/database.js';
import type { JobQueue } from '../lib/jobs.js';
import type { AuthContext } from '../modules/auth/index.js';
import type { BalancesContext } from '../modules/balances/index.js';
import type { CatalogContext } from '../modules/catalog/index.js';
import type { CustomersContext } from '../modules/customers/index.js';
import type { SubscriptionsContext } from '../modules/subscriptions/index.js';
import type { BillRunContext } from '../modules/system/index.js';
import type { TestClocksContext } from '../modules/test-clocks/index.js';
import type { InvoicingContext } from '../modules/invoicing/index.js';
import type { ReferralsContext } from '../modules/referrals/index.js';
import type { CreditsContext } from '../modules/credits/index.js';
import type { AssetUrls } from './assets.js';

/** What route handlers may use; app.ts builds it once. */
export interface AppServices {
  config: Config;
  db: Db;
  clock: Clock;
  jobs: JobQueue;
  auth: AuthContext;
  catalog: CatalogContext;
  customers: CustomersContext;
  subscriptions: SubscriptionsContext;
  testClocks: TestClocksContext;
  invoicing: InvoicingContext;
  referrals: ReferralsContext;
  credits: CreditsContext;
  balances: BalancesContext;
  billRuns: BillRunContext;
  assets: AssetUrls;
  /** "embedded" or "external", shown to operators on the dashboard. */
  databaseMode: 'embedded' | 'external';
}
