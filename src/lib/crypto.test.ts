import { describe, expect, it } from 'vitest';
import { decryptSecret, deriveKey, encryptSecret, randomToken } from './crypto.js';

describe('secrets at rest', () => {
  const key = deriveKey('a-secret-of-at-least-thirty-two-characters', 'provider-keys');

  it('round-trips, with a fresh IV every time', () => {
    const first = encryptSecret('sk_live_123', key);
    const second = encryptSecret('sk_live_123', key);
    expect(first).not.toBe(second);
    expect(first).not.toContain('sk_live_123');
    expect(decryptSecret(first, key)).toBe('sk_live_123');
    expect(decryptSecret(encryptSecret('ünïcødé ✓', key), key)).toBe('ünïcødé ✓');
  });

  it('refuses a tampered value or the wrong key', () => {
    const stored = encryptSecret('sk_live_123', key);
    const parts = stored.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => decryptSecret(parts.join('.'), key)).toThrow();
    expect(() =>
      decryptSecret(stored, deriveKey('another-secret-of-at-least-32-chars!', 'provider-keys')),
    ).toThrow();
    expect(() =>
      decryptSecret(stored, deriveKey('a-secret-of-at-least-thirty-two-characters', 'cookie-signing')),
    ).toThrow();
  });

  it('makes tokens of 256 bits by default', () => {
    expect(Buffer.from(randomToken(), 'base64url')).toHaveLength(32);
  });
});
