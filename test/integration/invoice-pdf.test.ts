import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderInvoicePdf, type InvoiceDocument } from '../../src/modules/documents/index.js';
import { longInvoice, sampleCreditNote, sampleInvoice } from '../support/invoice-documents.js';

/**
 * Invoice and credit-note PDFs, read back the way a person's viewer would: poppler's pdftotext
 * for the text layer and pdftoppm for a picture of the first page.
 */

const hasPoppler = ['pdftotext', 'pdftoppm', 'pdfinfo'].every((tool) => !spawnSync(tool, ['-v']).error);
// Locally, missing poppler-utils means skip (loudly); CI installs them, so never skip there.
const skipWithoutPoppler = !hasPoppler && !process.env.CI;
if (skipWithoutPoppler) {
  console.warn(
    '[invoice-pdf] Skipping the pdftotext/pdftoppm/pdfinfo checks: poppler-utils is not installed. ' +
      'Install it with `apt-get update && apt-get install -y poppler-utils` to run them.',
  );
}

const workDir = mkdtempSync(join(tmpdir(), 'tollgate-invoice-pdf-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

async function renderToFile(doc: InvoiceDocument, name: string): Promise<string> {
  const file = join(workDir, `${name}.pdf`);
  writeFileSync(file, await renderInvoicePdf(doc));
  return file;
}

/** The text of each page, with every kind of space (Intl uses no-break ones) as a plain space. */
function pageTexts(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .filter((pageText) => pageText.trim() !== '')
    .map((pageText) => pageText.replace(/[^\S\n]+/gu, ' '));
}

describe('rendering', () => {
  it('gives byte-identical PDFs for the same document, and different ones for a changed document', async () => {
    const first = await renderInvoicePdf(sampleInvoice());
    const second = await renderInvoicePdf(sampleInvoice());
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(second.equals(first)).toBe(true);
    const changed = await renderInvoicePdf(sampleInvoice({ statusLabel: 'Paid' }));
    expect(changed.equals(first)).toBe(false);
  });
});

describe.skipIf(skipWithoutPoppler)('read back with poppler-utils', () => {
  it('carries the issue date, title and seller in the PDF metadata, not the time of rendering', async () => {
    const info = execFileSync('pdfinfo', ['-isodates', await renderToFile(sampleInvoice(), 'info')], {
      encoding: 'utf8',
    });
    expect(info).toMatch(/^Title: +Invoice INV-2026-000123$/m);
    expect(info).toMatch(/^Author: +Tollgate Hosting GmbH$/m);
    expect(info).toMatch(/^CreationDate: +2026-11-01T09:30:00Z$/m);
    expect(info).toMatch(/^ModDate: +2026-11-01T09:30:00Z$/m);
  });

  it('shows the number, the non-Latin names, locale money and dates on a one-page invoice', async () => {
    const pages = pageTexts(await renderToFile(sampleInvoice(), 'sample'));
    expect(pages).toHaveLength(1);
    const [text = ''] = pages;
    expect(text).toContain('Invoice');
    expect(text).toContain('INV-2026-000123');
    for (const name of ['Zoë Ångström', 'Łukasz Nowak', 'Ελένη Παππά', 'Дмитрий'])
      expect(text).toContain(name);
    expect(text).toMatch(/Total 119,00 €/);
    expect(text).toMatch(/Amount due 119,00 €/);
    expect(text).toMatch(/Discount -10,00 €/);
    expect(text).toMatch(/VAT 19 % 19,00 €/);
    expect(text).toMatch(/Issued 01\.11\.2026/);
    expect(text).toMatch(/Due 15\.11\.2026/);
    expect(text).toContain('Please pay within 14 days');
    expect(text).toContain('Page 1 of 1');
  });

  it('flows a 60-line invoice over pages, repeating the table header and numbering the pages', async () => {
    const pages = pageTexts(await renderToFile(longInvoice(60), 'long'));
    expect(pages).toHaveLength(3);
    const [first = '', second = '', last = ''] = pages;
    expect(first).toContain('Page 1 of 3');
    expect(second).toContain('Page 2 of 3');
    expect(last).toContain('Page 3 of 3');
    expect(second).toMatch(/^\s*DESCRIPTION QTY UNIT PRICE AMOUNT/);
    for (let line = 1; line <= 60; line += 1) {
      expect(pages.filter((text) => text.includes(`region ${line} `))).toHaveLength(1);
    }
    expect(last).toMatch(/Amount due 714,00 €/);
  });

  it('names a credit note, its number and the invoice it credits', async () => {
    const [text = ''] = pageTexts(await renderToFile(sampleCreditNote(), 'credit'));
    expect(text).toContain('Credit note');
    expect(text).toContain('CN-2026-000007');
    expect(text).toMatch(/For invoice INV-2026-000123/);
    expect(text).toContain('Service outage on 12 November');
    expect(text).toMatch(/Total credit 6,34 €/);
    expect(text).not.toContain('Amount due');
  });

  it('draws page 1 as a picture of A4 proportions', async () => {
    const file = await renderToFile(sampleInvoice(), 'picture');
    const prefix = join(workDir, 'picture-page');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
    const png = readFileSync(`${prefix}.png`);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // A4 is 8.27 × 11.69 inches: 496 × 702 pixels at 60 dpi.
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(494);
    expect(png.readUInt32BE(16)).toBeLessThanOrEqual(498);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(700);
    expect(png.readUInt32BE(20)).toBeLessThanOrEqual(704);
    expect(png.length).toBeGreaterThan(10_000);
  });
});
