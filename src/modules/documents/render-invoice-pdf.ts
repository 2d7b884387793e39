import PDFDocument from 'pdfkit';
import { documentFonts } from './document-fonts.js';
import { documentFormat } from './document-format.js';
import { drawHeader } from './document-header.js';
import { documentTitle } from './document-labels.js';
import type { InvoiceDocument } from './invoice-document.js';
import { drawLineTable } from './line-table.js';
import { colors, fontNames, page, PageFlow } from './page-flow.js';
import { drawTotals } from './totals-block.js';

/**
 * Lays out an invoice or credit note as an A4 PDF. Pure: the same document gives the same
 * bytes, because every date pdfkit writes (and the file /ID it derives from them) is the
 * document's issue date rather than the time of rendering.
 */
export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: page.margin,
    bufferPages: true,
    font: documentFonts.regular,
    lang: doc.locale,
    displayTitle: true,
    info: {
      Title: `${documentTitle(doc)} ${doc.number}`,
      Author: doc.seller.name,
      Subject: `${documentTitle(doc)} ${doc.number} for ${doc.buyer.name}`,
      Creator: 'Tollgate',
      CreationDate: doc.issuedAt,
      ModDate: doc.issuedAt,
    },
  });
  const bytes = collect(pdf);
  pdf.registerFont(fontNames.regular, documentFonts.regular);
  pdf.registerFont(fontNames.bold, documentFonts.bold);

  const format = documentFormat(doc);
  const flow = new PageFlow(pdf);
  drawHeader(flow, doc, format);
  drawLineTable(flow, doc.lines, format);
  drawTotals(flow, doc, format);
  drawNotes(flow, doc.notes);
  drawFooters(flow, doc);
  pdf.end();
  return bytes;
}

function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}

function drawNotes(flow: PageFlow, notes: string[]): void {
  if (notes.length === 0) return;
  const width = flow.width;
  flow.y += 28;
  const heading = { size: 8, bold: true, color: colors.muted, width } as const;
  const paragraph = { size: 9, color: colors.muted, width } as const;
  flow.ensureRoom(flow.measure('NOTES', heading) + 4 + flow.measure(notes[0] ?? '', paragraph));
  flow.y += flow.text('NOTES', flow.left, flow.y, heading) + 4;
  for (const note of notes) {
    flow.ensureRoom(flow.measure(note, paragraph));
    flow.y += flow.text(note, flow.left, flow.y, paragraph) + 6;
  }
}

/** Page numbers need the page count, so footers go on at the end over the buffered pages. */
function drawFooters(flow: PageFlow, doc: InvoiceDocument): void {
  const { pdf } = flow;
  const { start, count } = pdf.bufferedPageRange();
  const y = page.height - page.margin - 4;
  const half = flow.width / 2;
  const style = { size: 8, color: colors.muted, width: half } as const;
  for (let index = start; index < start + count; index += 1) {
    pdf.switchToPage(index);
    // Writing below the bottom margin would make pdfkit open a new page; the footer may.
    pdf.page.margins.bottom = 0;
    flow.rule(y - 8);
    flow.text(`${doc.seller.name} · ${documentTitle(doc)} ${doc.number}`, flow.left, y, style);
    flow.text(`Page ${index - start + 1} of ${count}`, flow.left + half, y, { ...style, align: 'right' });
  }
}
