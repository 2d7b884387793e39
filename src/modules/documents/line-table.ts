import type { DocumentFormat } from './document-format.js';
import type { DocumentLine } from './invoice-document.js';
import { colors, type PageFlow } from './page-flow.js';

const gap = 12;
const padding = 6;
const headerHeight = 22;
const numberColumns = { quantity: 45, unit: 95, amount: 100 } as const;

interface Columns {
  description: { x: number; width: number };
  quantity: { x: number; width: number };
  unit: { x: number; width: number };
  amount: { x: number; width: number };
}

function columns(flow: PageFlow): Columns {
  const amountX = flow.right - numberColumns.amount;
  const unitX = amountX - gap - numberColumns.unit;
  const quantityX = unitX - gap - numberColumns.quantity;
  return {
    description: { x: flow.left + 8, width: quantityX - gap - flow.left - 8 },
    quantity: { x: quantityX, width: numberColumns.quantity },
    unit: { x: unitX, width: numberColumns.unit },
    amount: { x: amountX, width: numberColumns.amount - 8 },
  };
}

/** The lines with a header row, repeated at the top of every page the table flows onto. */
export function drawLineTable(flow: PageFlow, lines: DocumentLine[], format: DocumentFormat): void {
  const cols = columns(flow);
  flow.ensureRoom(headerHeight + 40);
  drawHeaderRow(flow, cols);
  for (const line of lines) {
    const height = rowHeight(flow, line, cols);
    if (flow.ensureRoom(height)) drawHeaderRow(flow, cols);
    drawRow(flow, line, cols, format);
    flow.y += height;
    flow.rule(flow.y);
  }
}

function drawHeaderRow(flow: PageFlow, cols: Columns): void {
  flow.band(flow.y, headerHeight);
  const y = flow.y + 7;
  const style = { size: 8, bold: true, color: colors.muted } as const;
  flow.text('DESCRIPTION', cols.description.x, y, { ...style, width: cols.description.width });
  flow.text('QTY', cols.quantity.x, y, { ...style, width: cols.quantity.width, align: 'right' });
  flow.text('UNIT PRICE', cols.unit.x, y, { ...style, width: cols.unit.width, align: 'right' });
  flow.text('AMOUNT', cols.amount.x, y, { ...style, width: cols.amount.width, align: 'right' });
  flow.y += headerHeight;
}

function rowHeight(flow: PageFlow, line: DocumentLine, cols: Columns): number {
  const width = cols.description.width;
  const description = flow.measure(line.description, { size: 9.5, width });
  const detail = line.detail ? 2 + flow.measure(line.detail, { size: 8, width }) : 0;
  return padding + description + detail + padding;
}

function drawRow(flow: PageFlow, line: DocumentLine, cols: Columns, format: DocumentFormat): void {
  const y = flow.y + padding;
  const width = cols.description.width;
  const descriptionHeight = flow.text(line.description, cols.description.x, y, { size: 9.5, width });
  if (line.detail) {
    flow.text(line.detail, cols.description.x, y + descriptionHeight + 2, {
      size: 8,
      color: colors.muted,
      width,
    });
  }
  const number = { size: 9.5, align: 'right' } as const;
  flow.text(format.quantity(line.quantity), cols.quantity.x, y, { ...number, width: cols.quantity.width });
  flow.text(format.money(line.unitAmount), cols.unit.x, y, { ...number, width: cols.unit.width });
  flow.text(format.money(line.amount), cols.amount.x, y, { ...number, width: cols.amount.width });
}
