import type { InvoiceLineKind } from './invoice-types.js';

/** The totals of an invoice's lines, by the rule that always adds up. */
export interface InvoiceTotals {
  subtotal: bigint;
  discountTotal: bigint;
  taxTotal: bigint;
  total: bigint;
}

// Lines that are what was bought; the others adjust it.
const adjustments: readonly InvoiceLineKind[] = ['discount', 'credit_applied', 'tax'];

/** Whether a line is something bought (taxed, discounted), not an adjustment of the others. */
export function isBoughtLine(kind: InvoiceLineKind): boolean {
  return !adjustments.includes(kind);
}

/**
 * subtotal = Σ bought lines; discountTotal = −Σ discount lines; exclusive tax is Σ tax lines, added
 * on top; total = subtotal − discountTotal + exclusive tax − Σ credits applied. Every line counts
 * exactly once, so total = Σ all lines: the identity holds by construction. Inclusive tax is already
 * inside the lines; it is only reported, in taxTotal.
 */
export function invoiceTotals(
  lines: readonly { kind: InvoiceLineKind; amount: bigint }[],
  includedTax = 0n,
): InvoiceTotals {
  const sum = (keep: (kind: InvoiceLineKind) => boolean) =>
    lines.filter((line) => keep(line.kind)).reduce((total, line) => total + line.amount, 0n);
  const subtotal = sum(isBoughtLine);
  const discountTotal = -sum((kind) => kind === 'discount');
  const addedTax = sum((kind) => kind === 'tax');
  const credits = sum((kind) => kind === 'credit_applied');
  return {
    subtotal,
    discountTotal,
    taxTotal: addedTax + includedTax,
    total: subtotal - discountTotal + addedTax + credits,
  };
}
