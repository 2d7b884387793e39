import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import type { InvoiceSettlementListener } from './settlement-listeners.js';

/** What the invoicing use cases need: the database, the clock, and how numbers look. */
export interface InvoicingContext {
  /** A transaction too: a use case elsewhere can create and finalize an invoice inside its own. */
  db: DbOrTx;
  clock: Clock;
  /** Number format of the invoice series, e.g. INV-{YYYY}-{000000}. */
  invoiceNumberFormat: string;
  /** Number format of the credit-note series, e.g. CN-{YYYY}-{000000}. */
  creditNoteNumberFormat: string;
  /** Whether finalizing takes what it can of the amount due from the customer's balance. */
  applyBalanceToInvoices: boolean;
  /** Told, inside the transaction, when an invoice is paid or credited. */
  listeners?: readonly InvoiceSettlementListener[];
}
