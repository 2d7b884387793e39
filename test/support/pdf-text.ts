import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether poppler's pdftotext is installed: the checks that read a PDF back need it. */
export const hasPdfToText = !spawnSync('pdftotext', ['-v']).error;

/**
 * The text of a PDF as `pdftotext -layout` prints it, each run of blanks within a line folded into
 * one space, so a test can match a table row without counting the spaces that lay it out.
 */
export function pdfLayoutText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-pdf-text-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[^\S\n]+/gu, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
