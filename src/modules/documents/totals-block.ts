import type { DocumentFormat } from './document-format.js';
import type { InvoiceDocument } from './invoice-document.js';
import { colors, type PageFlow } from './page-flow.js';

const blockWidth = 250;
const rowHeight = 19;

interface TotalRow {
  label: string;
  amount: bigint;
  /** "plain" rows are regular text, "muted" grey, "strong" bold with a rule above. */
  weight: 'plain' | 'muted' | 'strong';
}

/**
 * The sums, right-aligned under the table. Deductions print with a minus sign; rows that are
 * zero and add nothing (no discount, nothing paid) are left out. Inclusive tax is a note under
 * the total ("incl. VAT 19 %") rather than a row that adds up.
 */
function totalRows(doc: InvoiceDocument): TotalRow[] {
  const { totals } = doc;
  const rows: TotalRow[] = [{ label: 'Subtotal', amount: totals.subtotal, weight: 'plain' }];
  if (totals.discountTotal !== 0n)
    rows.push({ label: 'Discount', amount: -totals.discountTotal, weight: 'plain' });
  // A credit note that takes back no tax line has no tax part to show (a lump sum is credited whole).
  const showsTax = doc.kind === 'invoice' || totals.taxTotal !== 0n;
  if (showsTax && !totals.taxInclusive)
    rows.push({ label: totals.taxLabel, amount: totals.taxTotal, weight: 'plain' });
  rows.push({
    label: doc.kind === 'credit_note' ? 'Total credit' : 'Total',
    amount: totals.total,
    weight: 'strong',
  });
  if (totals.taxInclusive)
    rows.push({ label: `incl. ${totals.taxLabel}`, amount: totals.taxTotal, weight: 'muted' });
  if (totals.amountFromBalance !== 0n)
    rows.push({ label: 'Paid from balance', amount: -totals.amountFromBalance, weight: 'plain' });
  const paidOtherwise = totals.amountPaid - totals.amountFromBalance;
  if (paidOtherwise !== 0n) rows.push({ label: 'Paid', amount: -paidOtherwise, weight: 'plain' });
  if (totals.amountCredited !== 0n)
    rows.push({ label: 'Credited', amount: -totals.amountCredited, weight: 'plain' });
  return rows;
}

export function drawTotals(flow: PageFlow, doc: InvoiceDocument, format: DocumentFormat): void {
  const rows = totalRows(doc);
  const showDue = doc.kind === 'invoice';
  flow.ensureRoom(12 + rows.length * rowHeight + (showDue ? 34 : 0));
  const x = flow.right - blockWidth;
  const half = blockWidth / 2;
  flow.y += 12;
  for (const row of rows) {
    if (row.weight === 'strong') flow.rule(flow.y - 4, x, flow.right);
    const style = {
      size: 9.5,
      bold: row.weight === 'strong',
      color: row.weight === 'muted' ? colors.muted : colors.text,
    };
    flow.text(row.label, x, flow.y, { ...style, width: half });
    flow.text(format.money(row.amount), x + half, flow.y, { ...style, width: half - 8, align: 'right' });
    flow.y += rowHeight;
  }
  if (showDue) drawAmountDue(flow, x, format.money(doc.totals.amountDue));
}

function drawAmountDue(flow: PageFlow, x: number, amount: string): void {
  const height = 26;
  flow.y += 4;
  flow.pdf.rect(x, flow.y, blockWidth, height).fill(colors.band);
  const style = { size: 11.5, bold: true } as const;
  flow.text('Amount due', x + 8, flow.y + 7, { ...style, width: blockWidth / 2 });
  flow.text(amount, x + blockWidth / 2, flow.y + 7, { ...style, width: blockWidth / 2 - 8, align: 'right' });
  flow.y += height;
}
