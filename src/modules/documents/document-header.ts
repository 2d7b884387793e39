import type { DocumentFormat } from './document-format.js';
import { documentTitle } from './document-labels.js';
import type { InvoiceDocument } from './invoice-document.js';
import { colors, type PageFlow } from './page-flow.js';

const logoBox = { width: 150, height: 50 } as const;
const metaWidth = 230;
const sectionGap = 26;

/** Seller (with logo) top-left, title, number, dates and status top-right, then bill-to. */
export function drawHeader(flow: PageFlow, doc: InvoiceDocument, format: DocumentFormat): void {
  const top = flow.y;
  const sellerBottom = drawSeller(flow, doc, top);
  const metaBottom = drawTitleAndMeta(flow, doc, format, top);
  flow.y = Math.max(sellerBottom, metaBottom) + sectionGap;
  flow.y = Math.max(drawBillTo(flow, doc, flow.y), drawReason(flow, doc, flow.y)) + sectionGap;
}

function drawSeller(flow: PageFlow, doc: InvoiceDocument, top: number): number {
  const { seller } = doc;
  const width = flow.width - metaWidth - 20;
  let y = top;
  if (seller.logoPng) {
    flow.pdf.image(seller.logoPng, flow.left, y, { fit: [logoBox.width, logoBox.height] });
    y += logoBox.height + 12;
  }
  y += flow.text(seller.name, flow.left, y, { size: 12, bold: true, width }) + 3;
  const details = [
    ...seller.addressLines,
    ...(seller.taxId ? [`Tax ID ${seller.taxId}`] : []),
    ...(seller.email ? [seller.email] : []),
  ];
  for (const line of details) y += flow.text(line, flow.left, y, { size: 9, color: colors.muted, width }) + 1;
  return y;
}

function drawTitleAndMeta(flow: PageFlow, doc: InvoiceDocument, format: DocumentFormat, top: number): number {
  const x = flow.right - metaWidth;
  let y = top;
  y += flow.text(documentTitle(doc), x, y, { size: 22, bold: true, width: metaWidth, align: 'right' });
  y += flow.text(doc.number, x, y, { size: 11, color: colors.muted, width: metaWidth, align: 'right' }) + 14;
  for (const [label, value] of metaRows(doc, format)) {
    flow.text(label, x, y, { size: 9, color: colors.muted, width: 90 });
    y +=
      flow.text(value, x + 90, y, {
        size: 9,
        bold: label === 'Status',
        width: metaWidth - 90,
        align: 'right',
      }) + 4;
  }
  return y;
}

function metaRows(doc: InvoiceDocument, format: DocumentFormat): [string, string][] {
  const rows: [string, string][] = [];
  if (doc.forInvoice) rows.push(['For invoice', doc.forInvoice]);
  rows.push(['Issued', format.date(doc.issuedAt)]);
  if (doc.dueAt) rows.push(['Due', format.date(doc.dueAt)]);
  if (doc.periodStart && doc.periodEnd)
    rows.push(['Period', format.dateRange(doc.periodStart, doc.periodEnd)]);
  rows.push(['Status', doc.statusLabel]);
  return rows;
}

function drawBillTo(flow: PageFlow, doc: InvoiceDocument, top: number): number {
  const { buyer } = doc;
  const width = flow.width - metaWidth - 20;
  let y = top;
  y += flow.text('BILL TO', flow.left, y, { size: 8, bold: true, color: colors.muted, width }) + 4;
  y += flow.text(buyer.name, flow.left, y, { size: 11, bold: true, width }) + 2;
  const details = [...buyer.addressLines, buyer.email, ...(buyer.taxId ? [`Tax ID ${buyer.taxId}`] : [])];
  for (const line of details) y += flow.text(line, flow.left, y, { size: 9, color: colors.muted, width }) + 1;
  return y;
}

function drawReason(flow: PageFlow, doc: InvoiceDocument, top: number): number {
  if (!doc.reason) return top;
  const x = flow.right - metaWidth;
  let y = top;
  y += flow.text('REASON', x, y, { size: 8, bold: true, color: colors.muted, width: metaWidth }) + 4;
  y += flow.text(doc.reason, x, y, { size: 9, width: metaWidth });
  return y;
}
