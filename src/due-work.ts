import type { Clock } from './lib/clock.js';
import type { Config } from './lib/config.js';
import type { Db } from './lib/db/database.js';
import type { DueWork } from './lib/due-work.js';
import { creditExpiryDueWork } from './modules/credits/index.js';
import { invoiceDueWork } from './modules/invoicing/index.js';
import { subscriptionDueWork } from './modules/subscriptions/index.js';
import { settlementListeners } from './settlement-listeners.js';

/**
 * The settings due work needs: how invoice and credit-note numbers look, whether balances pay
 * invoices, and the bill run's batch.
 */
export type DueWorkSettings = Pick<
  Config,
  'invoiceNumberFormat' | 'creditNoteNumberFormat' | 'applyBalanceToInvoices' | 'billRunBatchSize'
>;

/**
 * Everything that falls due over time, in the order it runs at any one moment. The bill-run job
 * and test clocks both use this list, so a test clock runs exactly what production would.
 * Later: dunning and reminders join here.
 */
export function allDueWork(db: Db, clock: Clock, settings: DueWorkSettings): DueWork[] {
  // Subscriptions first: a renewal's period charge is invoiced in the same step it is made.
  return [
    subscriptionDueWork({ db, clock }),
    // After renewals, which roll period credits over first; what is left at its expiry then goes.
    creditExpiryDueWork({ db, clock }),
    invoiceDueWork(
      { db, clock, ...settings, listeners: settlementListeners(clock) },
      settings.billRunBatchSize,
    ),
  ];
}
