/** The shared look (A4 in points, colours, type sizes) and a cursor that breaks pages. */
export const page = { width: 595.28, height: 841.89, margin: 50, footerHeight: 40 } as const;

export const colors = {
  text: '#1f2933',
  muted: '#6b7280',
  rule: '#e5e7eb',
  band: '#f3f4f6',
} as const;

export const fontNames = { regular: 'DocumentSans', bold: 'DocumentSans-Bold' } as const;

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
  width: number;
  align?: 'left' | 'right';
}

/**
 * Writes top to bottom and starts a new page when the next block does not fit above the
 * footer. Blocks measure themselves first and ask for room, so nothing is split mid-row and
 * pdfkit never breaks pages on its own.
 */
export class PageFlow {
  readonly left: number = page.margin;
  readonly width = page.width - 2 * page.margin;
  readonly right = page.width - page.margin;
  y: number = page.margin;
  readonly #bottom = page.height - page.margin - page.footerHeight;

  constructor(readonly pdf: PDFKit.PDFDocument) {}

  /** Makes room for `height` points; returns true when that took a new page. */
  ensureRoom(height: number): boolean {
    if (this.y + height <= this.#bottom) return false;
    this.pdf.addPage();
    this.y = page.margin;
    return true;
  }

  measure(text: string, style: TextStyle): number {
    this.#apply(style);
    return this.pdf.heightOfString(text, { width: style.width });
  }

  /** Writes `text` with its top at (x, y) and returns its height. */
  text(text: string, x: number, y: number, style: TextStyle): number {
    this.#apply(style);
    this.pdf.fillColor(style.color ?? colors.text);
    this.pdf.text(text, x, y, { width: style.width, align: style.align ?? 'left' });
    return this.pdf.heightOfString(text, { width: style.width });
  }

  rule(y: number, from: number = this.left, to: number = this.right, color: string = colors.rule): void {
    this.pdf.moveTo(from, y).lineTo(to, y).lineWidth(0.75).strokeColor(color).stroke();
  }

  band(y: number, height: number): void {
    this.pdf.rect(this.left, y, this.width, height).fill(colors.band);
  }

  #apply(style: TextStyle): void {
    this.pdf.font(style.bold ? fontNames.bold : fontNames.regular).fontSize(style.size);
  }
}
