import { describe, expect, it } from 'vitest';
import { createPdfCache, renderInvoicePdf } from '../../src/modules/documents/index.js';
import { sampleInvoice } from '../support/invoice-documents.js';

/** The render cache: the same content is rendered once, least recently used entries go first. */

describe('createPdfCache', () => {
  it('returns the rendered PDF and reuses it for an equal document', async () => {
    const cache = createPdfCache({ maxEntries: 4 });
    const first = await cache.get(sampleInvoice());
    expect(first.equals(await renderInvoicePdf(sampleInvoice()))).toBe(true);
    // A distinct but equal object (keys in another order) is the same cache entry.
    const { lines, ...rest } = sampleInvoice();
    expect(await cache.get({ lines, ...rest })).toBe(first);
  });

  it('renders again when anything in the document changes, down to one minor unit', async () => {
    const cache = createPdfCache({ maxEntries: 4 });
    const first = await cache.get(sampleInvoice());
    const base = sampleInvoice();
    const changed = await cache.get({
      ...base,
      totals: { ...base.totals, amountDue: base.totals.amountDue - 1n },
    });
    expect(changed).not.toBe(first);
    expect(changed.equals(first)).toBe(false);
  });

  it('shares one render between downloads that ask at the same time', async () => {
    const cache = createPdfCache({ maxEntries: 4 });
    const [a, b] = await Promise.all([cache.get(sampleInvoice()), cache.get(sampleInvoice())]);
    expect(a).toBe(b);
  });

  it('evicts the least recently used document beyond maxEntries', async () => {
    const cache = createPdfCache({ maxEntries: 2 });
    const a = () => sampleInvoice({ number: 'A-1' });
    const b = () => sampleInvoice({ number: 'B-1' });
    const c = () => sampleInvoice({ number: 'C-1' });
    const firstA = await cache.get(a());
    const firstB = await cache.get(b());
    expect(await cache.get(a())).toBe(firstA); // A is now the most recently used
    await cache.get(c()); // evicts B
    expect(await cache.get(a())).toBe(firstA);
    const secondB = await cache.get(b());
    expect(secondB).not.toBe(firstB);
    expect(secondB.equals(firstB)).toBe(true);
  });
});
