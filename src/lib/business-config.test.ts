import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

/** The seller printed on documents: TOLLGATE_BUSINESS_* variables, the logo read once at start. */

const dir = mkdtempSync(join(tmpdir(), 'tollgate-business-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The smallest valid PNG: one transparent pixel.
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('business details for documents', () => {
  it('default to a seller named Tollgate with nothing else', () => {
    expect(loadConfig({}).business).toEqual({
      name: 'Tollgate',
      addressLines: [],
      taxId: null,
      email: null,
      logoPng: null,
    });
  });

  it('take address lines separated by "|" or newlines, and read the logo file', () => {
    const logo = join(dir, 'logo.png');
    writeFileSync(logo, onePixelPng);
    const config = loadConfig({
      TOLLGATE_BUSINESS_NAME: ' Gatekeepers Ltd ',
      TOLLGATE_BUSINESS_ADDRESS: '1 Road | Suite 2\n10115 Berlin||Germany',
      TOLLGATE_BUSINESS_TAX_ID: 'DE123456789',
      TOLLGATE_BUSINESS_EMAIL: 'billing@example.com',
      TOLLGATE_BUSINESS_LOGO: logo,
    });
    expect(config.business).toEqual({
      name: 'Gatekeepers Ltd',
      addressLines: ['1 Road', 'Suite 2', '10115 Berlin', 'Germany'],
      taxId: 'DE123456789',
      email: 'billing@example.com',
      logoPng: onePixelPng,
    });
  });

  it('refuse a logo that is missing or not a PNG, naming the variable', () => {
    const missing = join(dir, 'missing.png');
    expect(() => loadConfig({ TOLLGATE_BUSINESS_LOGO: missing })).toThrow(
      `Invalid configuration: TOLLGATE_BUSINESS_LOGO must be the path of a readable PNG file (got ${JSON.stringify(missing)})`,
    );
    const jpeg = join(dir, 'logo.jpg');
    writeFileSync(jpeg, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]));
    expect(() => loadConfig({ TOLLGATE_BUSINESS_LOGO: jpeg })).toThrow(
      'TOLLGATE_BUSINESS_LOGO must be a PNG file (the file is not a PNG image)',
    );
    expect(() => loadConfig({ TOLLGATE_BUSINESS_NAME: ' ' })).toThrow(
      'TOLLGATE_BUSINESS_NAME must not be empty',
    );
  });
});
