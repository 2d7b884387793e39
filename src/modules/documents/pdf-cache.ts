import { createHash } from 'node:crypto';
import type { InvoiceDocument } from './invoice-document.js';
import { renderInvoicePdf } from './render-invoice-pdf.js';

export interface PdfCache {
  /** The document's PDF, rendered once per distinct content while it stays in the cache. */
  get(doc: InvoiceDocument): Promise<Buffer>;
}

/**
 * A small in-memory LRU of rendered PDFs, keyed by the SHA-256 of the document's canonical
 * JSON, so downloading an unchanged invoice again costs a hash instead of a render. The entry is
 * the pending render itself, so two downloads at once share one render; a failed render is
 * dropped so the next request tries again.
 */
export function createPdfCache(options: { maxEntries: number }): PdfCache {
  const entries = new Map<string, Promise<Buffer>>();
  return {
    get(doc) {
      const key = documentKey(doc);
      const cached = entries.get(key);
      if (cached) {
        // Re-inserting moves the entry to the newest end of the Map's insertion order.
        entries.delete(key);
        entries.set(key, cached);
        return cached;
      }
      const rendered = renderInvoicePdf(doc);
      rendered.catch(() => entries.delete(key));
      entries.set(key, rendered);
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
      return rendered;
    },
  };
}

function documentKey(doc: InvoiceDocument): string {
  return createHash('sha256').update(canonicalJson(doc)).digest('hex');
}

/** JSON with sorted keys, bigints as strings, dates as ISO text and bytes as base64. */
function canonicalJson(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}
