import { validationError, type FieldErrors } from '../../../../lib/app-error.js';
import type { CreditNoteInput, InvoiceLine, InvoiceWithLines } from '../../../../modules/invoicing/index.js';
import { decimalAmount, withFieldsRenamed } from '../../form-state.js';

/** The form field of one invoice line's credit, named by the line's id. */
export const lineCreditField = (line: Pick<InvoiceLine, 'id'>) => `line.${line.id}`;

/** The lines a credit can take something back from: those that charged something. */
export const creditableLines = (invoice: InvoiceWithLines) =>
  invoice.lines.filter((line) => line.amount > 0n);

/** The creditable lines something was typed for, in the order the form sends them. */
const filledLines = (values: Record<string, string>, invoice: InvoiceWithLines) =>
  creditableLines(invoice).filter((line) => values[lineCreditField(line)]?.trim());

/**
 * The credit note a submitted form asks for. Amounts are decimals in the invoice's currency,
 * turned into exact minor units; a line left blank is not credited. Whether an amount or lines
 * were given (and not both), and every limit, is the module's to decide.
 */
export function creditNoteInputOf(
  values: Record<string, string>,
  invoice: InvoiceWithLines,
): CreditNoteInput {
  const errors: FieldErrors = {};
  const minorUnits = (field: string) => {
    const text = values[field]?.trim();
    return text ? decimalAmount(text, invoice.currency, field, errors) : undefined;
  };
  const amount = minorUnits('amount');
  const lines = filledLines(values, invoice).flatMap((line) => {
    const credit = minorUnits(lineCreditField(line));
    // Left out only when it is not an amount, and then the form is refused below.
    return credit === undefined ? [] : [{ invoiceLineId: line.id.toString(), amount: credit }];
  });
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return {
    amount,
    lines: lines.length > 0 ? lines : undefined,
    // Anything else is refused by the module with the field named.
    reason: values['reason'] as CreditNoteInput['reason'],
    outcome: values['outcome'] as CreditNoteInput['outcome'],
    memo: values['memo'] ?? '',
  };
}

/** Moves the module's "lines.<n>.<field>" errors (n counts the lines sent) onto those lines' fields. */
export function errorsOnLineFields(
  error: unknown,
  values: Record<string, string>,
  invoice: InvoiceWithLines,
): unknown {
  const sent = filledLines(values, invoice);
  return withFieldsRenamed(error, (key) => {
    const index = /^lines\.(\d+)\./.exec(key)?.[1];
    const line = index === undefined ? undefined : sent[Number(index)];
    return line ? lineCreditField(line) : key;
  });
}
