import { ppmToPercent, taxForLine, type ResolvedTax } from '../taxes/index.js';
import { isBoughtLine } from './invoice-totals.js';
import type { InvoiceLineKind } from './invoice-types.js';
import type { NewLine } from './write-lines.js';

/** An invoice's tax: an added line for exclusive rates, or the part already inside for inclusive ones. */
export interface InvoiceTax {
  line: NewLine | null;
  included: bigint;
  /** Printed on the invoice: tax exempt, or the reverse-charge sentence. */
  note: string | null;
}

/**
 * Taxes each bought line and each discount line on its own and adds the results (the taxes module's
 * rule: per line, half to even; a credit or discount line's tax is negative). Exclusive tax becomes one `tax` line naming the rate;
 * inclusive tax is already in the amounts and is only reported.
 */
export function taxOf(
  lines: readonly { kind: InvoiceLineKind; amount: bigint }[],
  tax: ResolvedTax,
): InvoiceTax {
  const rate = tax.rate;
  if (!rate) return { line: null, included: 0n, note: tax.note };
  // A discount is a negative line taxed like the others, so tax is on what is actually paid.
  const total = lines
    .filter((line) => isBoughtLine(line.kind) || line.kind === 'discount')
    .reduce((sum, line) => sum + taxForLine(line.amount, rate).tax, 0n);
  if (rate.inclusive) return { line: null, included: total, note: tax.note };
  return {
    line: {
      kind: 'tax',
      description: `${rate.name} ${ppmToPercent(rate.ratePpm)} %`,
      quantity: 1,
      unitAmount: total,
      amount: total,
      periodStart: null,
      periodEnd: null,
      taxRateId: rate.id,
      couponId: null,
    },
    included: 0n,
    note: tax.note,
  };
}
