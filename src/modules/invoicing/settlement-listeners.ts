import type { DbOrTx } from '../../lib/db/database.js';
import type { CreditNote, Invoice } from './invoice-types.js';

/**
 * What other modules may do when an invoice is settled, in the same transaction as the change:
 * referrals reward a first payment, and take the reward back when that payment is refunded.
 * Invoicing knows nothing of them; app.ts wires the listeners in, so the dependency points outwards.
 */
export interface InvoiceSettlementListener {
  /** The invoice has just been paid in full (marked paid by staff, or later by a payment). */
  paid?(tx: DbOrTx, event: { invoice: Invoice; at: Date }): Promise<void>;
  /** A credit note has just been issued; `refunded` is what it gives back of what was paid. */
  credited?(
    tx: DbOrTx,
    event: { invoice: Invoice; creditNote: CreditNote; refunded: bigint; at: Date },
  ): Promise<void>;
}

export async function notifyPaid(
  listeners: readonly InvoiceSettlementListener[],
  tx: DbOrTx,
  event: { invoice: Invoice; at: Date },
): Promise<void> {
  for (const listener of listeners) await listener.paid?.(tx, event);
}

export async function notifyCredited(
  listeners: readonly InvoiceSettlementListener[],
  tx: DbOrTx,
  event: { invoice: Invoice; creditNote: CreditNote; refunded: bigint; at: Date },
): Promise<void> {
  for (const listener of listeners) await listener.credited?.(tx, event);
}
