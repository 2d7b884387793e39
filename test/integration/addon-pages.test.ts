import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type BrowserClient } from '../support/browser-client.js';
import { fieldErrorText, pageText, toastText } from '../support/page-text.js';
import {
  addToProduct,
  auditRows,
  countRows,
  idIn,
  missingId as missing,
  newProductAs,
  planForm,
  redirectedId,
  setArchived,
  startCatalogPages,
} from '../support/catalog-forms.js';
import type { TestApp } from '../support/test-app.js';

/** The add-on admin pages: the card on the product page and the add-on's own page, driven like a browser. */

let t: TestApp;
let owner: BrowserClient;
const viewerPassword = 'viewer long password';

const rowCount = (sql: string, params: unknown[] = []) => countRows(t, sql, params);
const addonCount = () => rowCount('SELECT count(*) AS n FROM catalog_addons');
const versionCount = (addonId: string) =>
  rowCount('SELECT count(*) AS n FROM catalog_addon_prices WHERE addon_id = $1', [addonId]);

/** The text of the cells of the rows of the table that follows `heading`, each trimmed. */
function tableAfter(body: string, heading: string): string[][] {
  const section = body.slice(body.indexOf(heading), body.indexOf('</table>', body.indexOf(heading)));
  return [...section.matchAll(/<tr>(.*?)<\/tr>/gs)]
    .map((m) =>
      [...(m[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((cell) => pageText(cell[1] ?? '').trim()),
    )
    .filter((cells) => cells.length > 0);
}

const newProduct = (name: string, kind = 'service') => newProductAs(owner, name, kind);

const addonForm = (code: string, change: Record<string, string> = {}) => ({
  name: `Add-on ${code}`,
  code,
  optionGroup: '',
  maxQuantity: '1',
  entitlementKeys: '',
  description: '',
  ...change,
});

const addAddon = (productId: string, code: string, change: Record<string, string> = {}) =>
  addToProduct(owner, productId, 'addons', addonForm(code, change));

const newAddon = async (productId: string, code: string, change: Record<string, string> = {}) =>
  redirectedId(await addAddon(productId, code, change));

const setPrice = (addonId: string, form: Record<string, string>) =>
  owner.submit(`/admin/catalog/addons/${addonId}`, `/admin/catalog/addons/${addonId}/prices`, {
    intervalUnit: 'month',
    intervalCount: '1',
    ...form,
  });

const saveSettings = (addonId: string, change: Record<string, string>) =>
  owner.submit(`/admin/catalog/addons/${addonId}`, `/admin/catalog/addons/${addonId}`, {
    ...addonForm('ignored'),
    ...change,
  });

const auditActions = async (entityId: string) => (await auditRows(t, entityId)).map((row) => row.action);

let vps = '';

beforeAll(async () => {
  ({ t, owner } = await startCatalogPages({
    email: 'val@example.com',
    name: 'Val Viewer',
    password: viewerPassword,
  }));
  vps = await newProduct('VPS hosting');
  // Two plans on sale: add-ons need a price for each interval and currency they bill in.
  for (const [code, intervalCount] of [
    ['vps-monthly', '1'],
    ['vps-quarterly', '3'],
  ] as const) {
    redirectedId(
      await addToProduct(owner, vps, 'plans', planForm(code, { name: code, intervalCount, amount: '20' })),
    );
  }
});
afterAll(async () => t.close());

describe('the add-ons card of a product', () => {
  it('starts empty and offers managers a form to add one', async () => {
    const page = await owner.get(`/admin/catalog/${vps}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h3 class="card-title">Add-ons</h3>');
    expect(page.body).toContain('No add-ons yet.');
    expect(page.body).toContain(`action="/admin/catalog/${vps}/addons#add-addon"`);
  });

  it('adds an add-on through the form and lists it with its group, quantity, prices and status', async () => {
    const response = await addAddon(vps, 'ram-4gb', {
      name: '+4 GB RAM',
      optionGroup: 'RAM',
      entitlementKeys: 'vps.ram.4, vps.ram',
      description: 'More memory',
    });
    expect(response.statusCode).toBe(303);
    const addonId = idIn(response.headers.location);
    expect(response.headers.location).toBe(`/admin/catalog/addons/${addonId}`);
    const page = await owner.get(`/admin/catalog/addons/${addonId}`);
    expect(page.statusCode).toBe(200);
    expect(toastText(page.body)).toBe('Add-on +4 GB RAM added. Set its prices below.');
    expect(page.body).toContain('<h2 class="detail-title">+4 GB RAM');
    expect(page.body).toContain('RAM (at most one of the group)');
    expect(page.body).toContain('taken or not');
    expect(page.body).toContain('<code>vps.ram.4</code>');
    expect(page.body).toContain(`<a href="/admin/catalog/${vps}">VPS hosting</a>`);
    expect(page.body).toContain('Add-on created');
    expect(page.body).toContain('No current price.');
    // The product's plans bill monthly and quarterly in USD: both still need a price.
    expect(pageText(/<p class="muted" id="unpriced">(.*?)<\/p>/s.exec(page.body)?.[1] ?? '')).toMatch(
      /^No price yet for USD every month, USD every 3 months:/,
    );

    await newAddon(vps, 'extra-ip', { name: 'Extra IPv4', maxQuantity: '8' });
    const product = await owner.get(`/admin/catalog/${vps}`);
    const rows = tableAfter(product.body, 'Add-ons</h3>');
    expect(rows).toEqual([
      ['+4 GB RAM', 'ram-4gb', 'RAM', 'taken or not', '—', 'active'],
      ['Extra IPv4', 'extra-ip', '—', 'up to 8', '—', 'active'],
    ]);
    // The groups in use are suggested for the next one.
    expect(product.body).toContain("This product's groups: RAM.");
  });

  it('refuses bad input field by field, keeps what was typed and adds nothing', async () => {
    const before = await addonCount();
    const response = await addAddon(vps, 'Bad Code!', {
      name: '',
      maxQuantity: '0',
      entitlementKeys: 'ok.key, Not Valid',
      description: 'kept text',
    });
    expect(response.statusCode).toBe(422);
    expect(fieldErrorText(response.body, 'name')).toBe('is required');
    expect(fieldErrorText(response.body, 'code')).toMatch(/letters, digits/);
    expect(fieldErrorText(response.body, 'maxQuantity')).toBe('must be at least 1');
    expect(fieldErrorText(response.body, 'entitlementKeys')).toMatch(/^"Not Valid" must be lowercase/);
    expect(response.body).toContain('kept text</textarea>');
    expect(fieldErrorText(response.body, 'amount')).toBeUndefined(); // the add-plan form is untouched
    const words = await addAddon(vps, 'words-quantity', { maxQuantity: 'many' });
    expect(fieldErrorText(words.body, 'maxQuantity')).toBe('must be a whole number');
    const duplicate = await addAddon(vps, 'RAM-4GB');
    expect(duplicate.statusCode).toBe(409);
    expect(fieldErrorText(duplicate.body, 'code')).toBe('is already in use');
    expect(duplicate.body).toContain('Another add-on already uses this code.');
    expect(await addonCount()).toBe(before);
  });

  it('is closed to one-time and archived products', async () => {
    const once = await newProduct('Install', 'one_time');
    const oncePage = await owner.get(`/admin/catalog/${once}`);
    expect(oncePage.body).toContain('A one-time product takes no add-ons');
    expect(oncePage.body).not.toContain(`action="/admin/catalog/${once}/addons`);
    const refused = await addAddon(once, 'install-extra');
    expect(refused.statusCode).toBe(409);
    const old = await newProduct('Old hosting');
    await setArchived(owner, `/admin/catalog/${old}`, true);
    expect((await owner.get(`/admin/catalog/${old}`)).body).toContain('Restore it to add add-ons.');
    const late = await addAddon(old, 'too-late');
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('This product is archived; restore it before adding add-ons.');
    expect((await addAddon(missing, 'nowhere')).statusCode).toBe(404);
  });
});

describe('the add-on page', () => {
  it('sets prices per currency and interval as versions, the same price changes nothing', async () => {
    const addonId = await newAddon(vps, 'ram-8gb', { name: '+8 GB RAM', optionGroup: 'RAM' });
    // The form starts with what is still missing: USD every month.
    const fresh = await owner.get(`/admin/catalog/addons/${addonId}`);
    expect(fresh.body).toMatch(/name="currency"[^>]*value="USD"/);
    expect(fresh.body).toContain('<option value="month" selected');
    expect((await setPrice(addonId, { currency: 'USD', amount: '7.50' })).statusCode).toBe(303);
    expect(toastText((await owner.get(`/admin/catalog/addons/${addonId}`)).body)).toMatch(
      /^New price \$7\.50 every month in USD \(version 1\)/,
    );
    const raised = await setPrice(addonId, { currency: 'usd', amount: '8' });
    expect(raised.statusCode).toBe(303);
    await setPrice(addonId, { currency: 'USD', intervalCount: '3', amount: '21' });
    const page = await owner.get(`/admin/catalog/addons/${addonId}`);
    expect(page.body).not.toContain('id="unpriced"'); // every plan interval has its price now
    const history = tableAfter(page.body, 'Price history').map((cells) => cells.slice(0, 4));
    expect(history).toEqual([
      ['USD', 'every month', '2', '$8.00'],
      ['USD', 'every month', '1', '$7.50'],
      ['USD', 'every 3 months', '1', '$21.00'],
    ]);
    expect(page.body).toContain('USD every month: $7.50 → $8.00 (version 2)');
    expect(page.body).toContain('Add-on price set');
    expect(await versionCount(addonId)).toBe(3);

    const same = await setPrice(addonId, { currency: 'USD', amount: '8.00' });
    expect(same.statusCode).toBe(303);
    expect(toastText((await owner.get(`/admin/catalog/addons/${addonId}`)).body)).toBe(
      'Price unchanged: USD every month is already $8.00.',
    );
    expect(await versionCount(addonId)).toBe(3);

    const product = await owner.get(`/admin/catalog/${vps}`);
    expect(product.body).toContain('<td data-label="Prices">$8.00 every month · $21.00 every 3 months</td>');
  });

  it('refuses a bad currency, amount or interval on its field and adds no version', async () => {
    const addonId = await newAddon(vps, 'backup-weekly');
    const currency = await setPrice(addonId, { currency: 'XYZ', amount: '1' });
    expect(currency.statusCode).toBe(422);
    expect(fieldErrorText(currency.body, 'currency')).toBe('must be an ISO 4217 code such as USD or EUR');
    expect(currency.body).toMatch(/name="currency"[^>]*value="XYZ"/); // what was typed is kept
    const zero = await setPrice(addonId, { currency: 'USD', amount: '0' });
    expect(fieldErrorText(zero.body, 'amount')).toBe('must be more than zero');
    const negative = await setPrice(addonId, { currency: 'USD', amount: '-2' });
    expect(fieldErrorText(negative.body, 'amount')).toBe('must be more than zero');
    const decimals = await setPrice(addonId, { currency: 'USD', amount: '1.999' });
    expect(fieldErrorText(decimals.body, 'amount')).toBe('must be a number with at most 2 decimals');
    const count = await setPrice(addonId, { currency: 'USD', amount: '1', intervalCount: '0' });
    expect(count.statusCode).toBe(422);
    expect(fieldErrorText(count.body, 'intervalCount')).toBe('must be at least 1');
    const unit = await setPrice(addonId, { currency: 'USD', amount: '1', intervalUnit: 'one_time' });
    expect(fieldErrorText(unit.body, 'intervalUnit')).toBe('must be one of day, week, month, year');
    expect(fieldErrorText(unit.body, 'name')).toBeUndefined(); // the settings form is untouched
    expect(await versionCount(addonId)).toBe(0);
  });

  it('changes its settings, with errors on the settings form only, and saves nothing when nothing changed', async () => {
    const addonId = await newAddon(vps, 'streams', { name: 'Extra stream' });
    const bad = await saveSettings(addonId, {
      name: 'Extra stream',
      maxQuantity: '0',
      optionGroup: 'x'.repeat(61),
    });
    expect(bad.statusCode).toBe(422);
    expect(fieldErrorText(bad.body, 'maxQuantity')).toBe('must be at least 1');
    expect(fieldErrorText(bad.body, 'optionGroup')).toBe('must be at most 60 characters');
    expect(fieldErrorText(bad.body, 'amount')).toBeUndefined(); // the price form is untouched
    const saved = await saveSettings(addonId, {
      name: 'Extra streams',
      maxQuantity: '4',
      entitlementKeys: 'plex.streams.extra',
      description: 'One more screen each',
    });
    expect(saved.statusCode).toBe(303);
    const page = await owner.get(`/admin/catalog/addons/${addonId}`);
    expect(toastText(page.body)).toBe('Settings saved.');
    expect(page.body).toContain('<h2 class="detail-title">Extra streams');
    expect(page.body).toContain('up to 4');
    expect(page.body).toContain('Add-on changed');
    expect(page.body).toContain('maxQuantity: 1 → 4');
    // The same form again: no write, no audit row.
    await saveSettings(addonId, {
      name: 'Extra streams',
      maxQuantity: '4',
      entitlementKeys: 'plex.streams.extra',
      description: 'One more screen each',
    });
    expect(await auditActions(addonId)).toEqual(['addon.created', 'addon.updated']);
  });

  it('is archived: badge shown, prices frozen until restored', async () => {
    const addonId = await newAddon(vps, 'old-option');
    const archived = await setArchived(owner, `/admin/catalog/addons/${addonId}`, true);
    expect(archived.statusCode).toBe(303);
    const page = await owner.get(`/admin/catalog/addons/${addonId}`);
    expect(toastText(page.body)).toMatch(/^Add-on archived/);
    expect(page.body).toContain('<span class="badge warn">archived</span>');
    expect(page.body).toContain('Restore it to change its prices.');
    expect(page.body).toContain('Restore add-on');
    const refused = await setPrice(addonId, { currency: 'USD', amount: '1.00' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('This add-on is archived; restore it before changing its prices.');
    const product = await owner.get(`/admin/catalog/${vps}`);
    expect(product.body).toMatch(/old-option<\/code>.*?<span class="badge warn">archived<\/span>/s);
    await setArchived(owner, `/admin/catalog/addons/${addonId}`, false);
    expect((await setPrice(addonId, { currency: 'USD', amount: '1.00' })).statusCode).toBe(303);
    expect(await auditActions(addonId)).toEqual([
      'addon.created',
      'addon.archived',
      'addon.restored',
      'addon.price_set',
    ]);
  });

  it('answers 404 for an add-on that does not exist', async () => {
    expect((await owner.get(`/admin/catalog/addons/${missing}`)).statusCode).toBe(404);
    expect((await owner.get('/admin/catalog/addons/not-a-uuid')).statusCode).toBe(404);
    expect((await setPrice(missing, { currency: 'USD', amount: '1' })).statusCode).toBe(404);
    const status = await owner.submit('/admin/catalog', `/admin/catalog/addons/${missing}/status`, {
      archived: 'true',
    });
    expect(status.statusCode).toBe(404);
    expect((await saveSettings(missing, { name: 'X' })).statusCode).toBe(404);
  });
});

describe('roles', () => {
  it('let a viewer read the add-on pages but refuse every write with 403', async () => {
    const addonId = await newAddon(vps, 'viewer-check');
    const viewer = await signIn(t.app, 'val@example.com', viewerPassword);
    for (const url of [`/admin/catalog/${vps}`, `/admin/catalog/addons/${addonId}`]) {
      const page = await viewer.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain('method="post" action="/admin/catalog');
    }
    expect((await viewer.get(`/admin/catalog/${vps}`)).body).toContain('viewer-check');
    const audited = await rowCount('SELECT count(*) AS n FROM audit_events');
    const posts: [string, Record<string, string>][] = [
      [`/admin/catalog/${vps}/addons`, addonForm('sneaky')],
      [`/admin/catalog/addons/${addonId}`, addonForm('sneaky')],
      [`/admin/catalog/addons/${addonId}/prices`, { currency: 'USD', amount: '1', intervalUnit: 'month' }],
      [`/admin/catalog/addons/${addonId}/status`, { archived: 'true' }],
    ];
    for (const [url, form] of posts) {
      const response = await viewer.submit('/admin/catalog', url, form);
      expect(response.statusCode, url).toBe(403);
    }
    expect(await rowCount('SELECT count(*) AS n FROM audit_events')).toBe(audited);
  });
});
