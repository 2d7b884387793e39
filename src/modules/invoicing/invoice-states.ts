import { AppError } from '../../lib/app-error.js';
import type { InvoiceStatus } from './invoice-types.js';

/**
 * Every allowed change of an invoice's status, by action. A draft can still be edited and has no
 * number; finalizing numbers it and makes it immutable; after that only payment, voiding or
 * writing it off move it, and corrections are credit notes.
 */
export const invoiceTransitions = {
  finalize: { from: ['draft'], to: 'open', verb: 'finalize' },
  mark_paid: { from: ['open', 'uncollectible'], to: 'paid', verb: 'mark as paid' },
  void: { from: ['open', 'uncollectible'], to: 'void', verb: 'void' },
  mark_uncollectible: { from: ['open'], to: 'uncollectible', verb: 'mark as uncollectible' },
} as const satisfies Record<string, { from: readonly InvoiceStatus[]; to: InvoiceStatus; verb: string }>;

export type InvoiceAction = keyof typeof invoiceTransitions;
export const invoiceActions = Object.keys(invoiceTransitions) as InvoiceAction[];

/** The status an action leads to; a conflict naming both when the table does not allow it. */
export function nextInvoiceStatus(from: InvoiceStatus, action: InvoiceAction): InvoiceStatus {
  const transition = invoiceTransitions[action];
  if (!(transition.from as readonly InvoiceStatus[]).includes(from)) {
    throw new AppError('conflict', `Cannot ${transition.verb} an invoice that is ${from}.`);
  }
  return transition.to;
}

/** What can be done to an invoice in this status (for buttons and the API). */
export function allowedInvoiceActions(status: InvoiceStatus): InvoiceAction[] {
  return invoiceActions.filter((action) =>
    (invoiceTransitions[action].from as readonly InvoiceStatus[]).includes(status),
  );
}
