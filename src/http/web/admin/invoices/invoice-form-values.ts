import { validationError, type FieldErrors } from '../../../../lib/app-error.js';
import type { CreateInvoiceInput } from '../../../../modules/invoicing/index.js';
import { decimalAmount, withFieldsRenamed } from '../../form-state.js';

/** How many line rows the new-invoice form offers. */
export const formLineCount = 5;

export const lineField = (index: number, field: 'description' | 'quantity' | 'unitAmount') =>
  `lines.${index}.${field}`;

/**
 * The manual invoice a submitted form asks for. Rows left blank are skipped; unit amounts are
 * decimals in the customer's currency, turned into exact minor units. Errors are keyed by the
 * form's own row numbers, so each shows next to the row it is about.
 */
export function invoiceInputOf(values: Record<string, string>, currency: string): CreateInvoiceInput {
  const errors: FieldErrors = {};
  const lines = filledRows(values).map((index) => {
    const unit = values[lineField(index, 'unitAmount')]?.trim() ?? '';
    let unitAmount = 0n;
    if (!unit) errors[lineField(index, 'unitAmount')] = 'is required';
    else unitAmount = decimalAmount(unit, currency, lineField(index, 'unitAmount'), errors) ?? 0n;
    return {
      description: values[lineField(index, 'description')] ?? '',
      // A number that is not one (NaN) is refused by the module with the field named.
      quantity: Number(values[lineField(index, 'quantity')]?.trim() || 1),
      unitAmount,
    };
  });
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return {
    customerId: values['customerId'] ?? '',
    lines,
    paymentTermsDays: Number(values['paymentTermsDays']?.trim() || 14),
    memo: values['memo'] ?? '',
  };
}

/** The form rows something was typed into, by their number on the form. */
function filledRows(values: Record<string, string>): number[] {
  return [...Array(formLineCount).keys()].filter((index) =>
    (['description', 'quantity', 'unitAmount'] as const).some((field) =>
      values[lineField(index, field)]?.trim(),
    ),
  );
}

/** Moves the module's "lines.<n>.<field>" errors (n counts filled rows only) onto the form's rows. */
export function errorsOnFormRows(error: unknown, values: Record<string, string>): unknown {
  const rows = filledRows(values);
  return withFieldsRenamed(error, (key) => {
    const match = /^lines\.(\d+)\.(.+)$/.exec(key);
    const row = match ? rows[Number(match[1])] : undefined;
    return match && row !== undefined ? `lines.${row}.${match[2]}` : key;
  });
}
