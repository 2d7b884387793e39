import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { balanceAccountKey, type BalanceBook } from '../balances/index.js';
import { operatorAccountKey, postEntry, type EntryLineInput, type PostEntryInput } from '../ledger/index.js';
import { roundHalfEven } from '../subscriptions/index.js';
import type { Invoice } from './invoice-types.js';

/**
 * The operator's accounts invoicing posts to, one per currency (`operator:<purpose>:<CUR>`). Lines
 * are signed from the operator's books with a credit positive — what it earned or owes (revenue,
 * tax payable, customer balances, money paid out) goes up, what it is owed or has received
 * (receivables, staff-recorded payments, written-off debt) goes down — so a customer's balance,
 * which may not go negative, reads as what the operator owes them. See ARCHITECTURE.md.
 */
export const invoiceAccounts = {
  /** What customers owe on open invoices (negative while owed). */
  receivables: 'receivables',
  /** What was sold, net of tax. */
  revenue: 'revenue',
  /** Tax collected for the tax office. */
  taxPayable: 'tax_payable',
  /** Payments staff recorded by hand (bank transfer, cash), until reconciled. */
  clearingManual: 'clearing_manual',
  /** Receivables written off as uncollectible. */
  badDebt: 'bad_debt',
  /** Money paid back to customers. */
  refunds: 'refunds',
} as const;

type Purpose = (typeof invoiceAccounts)[keyof typeof invoiceAccounts];

/** A line on an operator account; none for a zero amount (the ledger refuses zero lines). */
export function operatorLine(purpose: Purpose, currency: string, amount: bigint): EntryLineInput[] {
  return amount === 0n ? [] : [{ accountKey: operatorAccountKey(purpose, currency), amount, unit: currency }];
}

/** A line on a customer's balance account; none for zero. */
export function balanceLine(customerId: string, currency: string, amount: bigint): EntryLineInput[] {
  return amount === 0n
    ? []
    : [{ accountKey: balanceAccountKey(customerId, currency), amount, unit: currency }];
}

/** Issuing invoices worth `total` with `tax` inside: customers owe the total; revenue and tax payable get its parts. */
export function issueLines(currency: string, total: bigint, tax: bigint): EntryLineInput[] {
  return [
    ...operatorLine(invoiceAccounts.receivables, currency, -total),
    ...operatorLine(invoiceAccounts.revenue, currency, total - tax),
    ...operatorLine(invoiceAccounts.taxPayable, currency, tax),
  ];
}

/**
 * The tax inside the first `upTo` of an invoice's total, half to even. Reversals (credit notes, a
 * void) take the difference of this running total, so however an invoice is taken back in parts,
 * the parts' tax adds up to exactly its tax once all of it is.
 */
function taxUpTo(invoice: Pick<Invoice, 'total' | 'taxTotal'>, upTo: bigint): bigint {
  return invoice.total === 0n ? 0n : roundHalfEven(upTo * invoice.taxTotal, invoice.total);
}

/**
 * Taking back earnings of an invoice: revenue and tax payable go down by the reversed amount's
 * parts, and `counter` lines (summing to that amount) say where it goes — less owed, a refund, the
 * customer's balance. `reversedBefore` is how much of the invoice was taken back already.
 */
export function reversalLines(
  invoice: Pick<Invoice, 'total' | 'taxTotal' | 'currency'>,
  reversedBefore: bigint,
  counter: EntryLineInput[],
): EntryLineInput[] {
  const amount = counter.reduce((sum, line) => sum + line.amount, 0n);
  const tax = taxUpTo(invoice, reversedBefore + amount) - taxUpTo(invoice, reversedBefore);
  return [
    ...operatorLine(invoiceAccounts.revenue, invoice.currency, -(amount - tax)),
    ...operatorLine(invoiceAccounts.taxPayable, invoice.currency, -tax),
    ...counter,
  ];
}

/** What a balance book took in one currency, as paid off receivables. */
export function balanceAppliedLines(book: BalanceBook, currency: string): EntryLineInput[] {
  const taken = book.lines(currency);
  const total = taken.reduce((sum, line) => sum - line.amount, 0n);
  return [...taken, ...operatorLine(invoiceAccounts.receivables, currency, total)];
}

/** Posts an entry when it has lines; an invoice of nothing moves no money and writes none. */
export async function postIfAny(tx: DbOrTx, clock: Clock, entry: PostEntryInput): Promise<void> {
  if (entry.lines.length > 0) await postEntry(tx, clock, entry);
}
