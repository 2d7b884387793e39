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

/**
 * subtotal = Σ bought lines; discountTotal = −Σ discount lines; taxTotal = Σ tax lines (exclusive tax
 * added on top); total = subtotal − discountTotal + taxTotal − Σ credits applied. Every line counts
 * exactly once, so total = Σ all lines: the identity holds by construction.
 */
export function invoiceTotals(lines: readonly { kind: InvoiceLineKind; amount: bigint }[]): InvoiceTotals {
  const sum = (keep: (kind: InvoiceLineKind) => boolean) =>
    lines.filter((line) => keep(line.kind)).reduce((total, line) => total + line.amount, 0n);
  const subtotal = sum((kind) => !adjustments.includes(kind));
  const discountTotal = -sum((kind) => kind === 'discount');
  const taxTotal = sum((kind) => kind === 'tax');
  const credits = sum((kind) => kind === 'credit_applied');
  return { subtotal, discountTotal, taxTotal, total: subtotal - discountTotal + taxTotal + credits };
}
