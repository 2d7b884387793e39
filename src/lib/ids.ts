import { randomBytes } from 'node:crypto';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `id` has the shape of a uuid; anything else cannot name a row, so lookups answer not_found early. */
export function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}

/**
 * A version 7 uuid (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made one after
 * another sort after each other, so a table filled by the thousand (the bill run's invoices) appends
 * to the end of its indexes instead of touching a random page per row — at a million rows the
 * difference is the index staying in memory or not.
 */
export function timeOrderedUuid(ms: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
