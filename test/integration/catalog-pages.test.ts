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

/** The catalog admin pages (products, plans, prices), driven through HTTP like a browser. */

let t: TestApp;
let owner: BrowserClient;
const viewerPassword = 'viewer long password';

const rowCount = (sql: string, params: unknown[] = []) => countRows(t, sql, params);
const planCount = () => rowCount('SELECT count(*) AS n FROM catalog_plans');
const versionCount = (planId: string) =>
  rowCount('SELECT count(*) AS n FROM catalog_prices WHERE plan_id = $1', [planId]);

const productNames = (body: string) =>
  [...body.matchAll(/<td data-label="Name"><a href="\/admin\/catalog\/[^"]+">([^<]+)<\/a>/g)].map((m) =>
    pageText(m[1] ?? ''),
  );

/** Creates a product through the new-product page; returns its id. */
const newProduct = (name: string, kind = 'membership', description = '') =>
  newProductAs(owner, name, kind, description);

/** Adds a plan through the product page's form; returns the response. */
const addPlan = (productId: string, code: string, change: Record<string, string> = {}) =>
  addToProduct(owner, productId, 'plans', planForm(code, change));

const newPlan = async (productId: string, code: string, change: Record<string, string> = {}) =>
  redirectedId(await addPlan(productId, code, change));

const setPrice = (planId: string, form: Record<string, string>) =>
  owner.submit(`/admin/catalog/plans/${planId}`, `/admin/catalog/plans/${planId}/prices`, {
    setupFee: '',
    ...form,
  });

const auditActions = (entityId: string) => auditRows(t, entityId);

beforeAll(async () => {
  ({ t, owner } = await startCatalogPages({
    email: 'vic@example.com',
    name: 'Vic Viewer',
    password: viewerPassword,
  }));
});
afterAll(async () => t.close());

describe('products', () => {
  it('starts with an empty state that offers managers their first product', async () => {
    const page = await owner.get('/admin/catalog');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No products yet — create your first product');
    expect(page.body).toContain('href="/admin/catalog/new"');
    expect(page.body).toMatch(/<a href="\/admin\/catalog"[^>]*class="nav-link active"/);
    const viewer = await signIn(t.app, 'vic@example.com', viewerPassword);
    const seen = await viewer.get('/admin/catalog');
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('No products yet');
    expect(seen.body).not.toContain('href="/admin/catalog/new"');
  });

  it('are created through the form and shown on their own page', async () => {
    const response = await owner.submit('/admin/catalog/new', '/admin/catalog', {
      name: 'Plex Premium',
      kind: 'membership',
      description: 'The 4K library\nand early access',
    });
    expect(response.statusCode).toBe(303);
    const id = idIn(response.headers.location);
    expect(response.headers.location).toBe(`/admin/catalog/${id}`);
    const page = await owner.get(`/admin/catalog/${id}`);
    expect(page.statusCode).toBe(200);
    expect(toastText(page.body)).toContain('Plex Premium created');
    expect(page.body).toContain('<h2 class="detail-title">Plex Premium');
    expect(page.body).toContain('Membership');
    expect(page.body).toContain('No plans yet');
    expect(page.body).toContain('Product created');
    expect(await auditActions(id)).toEqual([{ action: 'product.created', actor_label: 'owner@example.com' }]);
  });

  it('refuse bad input field by field, keep what was typed and create nothing', async () => {
    const before = await rowCount('SELECT count(*) AS n FROM catalog_products');
    const response = await owner.submit('/admin/catalog/new', '/admin/catalog', {
      name: '   ',
      kind: 'timeshare',
      description: 'kept text',
    });
    expect(response.statusCode).toBe(422);
    expect(fieldErrorText(response.body, 'name')).toBe('is required');
    expect(fieldErrorText(response.body, 'kind')).toMatch(/must be one of membership, service/);
    expect(response.body).toContain('Some fields need attention.');
    expect(response.body).toContain('kept text</textarea>');
    expect(await rowCount('SELECT count(*) AS n FROM catalog_products')).toBe(before);
  });

  it('are listed with search, kind and status filters, and sorting', async () => {
    await newProduct('GPU credits', 'credits', 'Rendering minutes');
    await newProduct('Server setup', 'one_time');
    const discord = await newProduct('Discord VIP', 'service');
    const archived = await setArchived(owner, `/admin/catalog/${discord}`, true);
    expect(archived.statusCode).toBe(303);

    const all = await owner.get('/admin/catalog');
    expect(productNames(all.body)).toEqual(['Discord VIP', 'GPU credits', 'Plex Premium', 'Server setup']);
    expect(all.body).toContain('One-time purchase');
    expect(productNames((await owner.get('/admin/catalog?q=rendering')).body)).toEqual(['GPU credits']);
    expect(productNames((await owner.get('/admin/catalog?kind=one_time')).body)).toEqual(['Server setup']);
    expect(productNames((await owner.get('/admin/catalog?status=archived')).body)).toEqual(['Discord VIP']);
    expect(productNames((await owner.get('/admin/catalog?status=active&kind=service')).body)).toEqual([]);
    expect(productNames((await owner.get('/admin/catalog?sort=name&dir=desc')).body)[0]).toBe('Server setup');
    const none = await owner.get('/admin/catalog?q=zzz-nothing');
    expect(none.body).toContain('Nothing matches');
    expect(none.body).not.toContain('create your first product');
    expect((await owner.get('/admin/catalog?kind=timeshare&sort=secret&page=-1')).statusCode).toBe(200);
  });

  it('are renamed, archived and restored from their page', async () => {
    const id = await newProduct('Old name', 'service');
    const bad = await owner.submit(`/admin/catalog/${id}`, `/admin/catalog/${id}`, {
      name: '',
      description: 'x',
    });
    expect(bad.statusCode).toBe(422);
    expect(fieldErrorText(bad.body, 'name')).toBe('is required');
    const saved = await owner.submit(`/admin/catalog/${id}`, `/admin/catalog/${id}`, {
      name: 'New name',
      description: 'Better words',
    });
    expect(saved.statusCode).toBe(303);
    await setArchived(owner, `/admin/catalog/${id}`, true);
    const archivedPage = await owner.get(`/admin/catalog/${id}`);
    expect(archivedPage.body).toContain('<h2 class="detail-title">New name');
    expect(archivedPage.body).toContain('<span class="badge warn">archived</span>');
    expect(archivedPage.body).toContain('Restore product');
    expect(archivedPage.body).toContain('Restore it to add plans');
    // An archived product takes no new plans: the refusal shows on the form.
    const refused = await addPlan(id, 'archived-product-plan');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('This product is archived; restore it before adding plans.');
    await setArchived(owner, `/admin/catalog/${id}`, false);
    expect((await owner.get(`/admin/catalog/${id}`)).body).toContain('Archive product');
    expect((await auditActions(id)).map((row) => row.action)).toEqual([
      'product.created',
      'product.updated',
      'product.archived',
      'product.restored',
    ]);
  });

  it('answer 404 for a product that does not exist', async () => {
    expect((await owner.get(`/admin/catalog/${missing}`)).statusCode).toBe(404);
    expect((await owner.get('/admin/catalog/not-a-uuid')).statusCode).toBe(404);
    const post = await owner.submit('/admin/catalog', `/admin/catalog/${missing}`, { name: 'X' });
    expect(post.statusCode).toBe(404);
    expect(post.body).toContain('Page not found');
    expect((await addPlan(missing, 'nowhere')).statusCode).toBe(404);
  });
});

describe('plans', () => {
  let productId = '';
  beforeAll(async () => {
    productId = await newProduct('Jellyfin Family');
  });

  it('are added with a first price typed as a decimal, shown as money', async () => {
    const response = await addPlan(productId, 'jelly-monthly', {
      name: 'Monthly',
      trialDays: '7',
      entitlementKeys: 'jellyfin.family, discord.role.family',
    });
    expect(response.statusCode).toBe(303);
    const planId = idIn(response.headers.location);
    expect(response.headers.location).toBe(`/admin/catalog/plans/${planId}`);
    const page = await owner.get(`/admin/catalog/plans/${planId}`);
    expect(toastText(page.body)).toBe('Plan Monthly added.');
    expect(page.body).toContain('$9.99');
    expect(page.body).toContain('every month');
    expect(page.body).toContain('7 days');
    expect(page.body).toContain('<code>jellyfin.family</code>');
    expect(page.body).toContain(`<a href="/admin/catalog/${productId}">Jellyfin Family</a>`);
    expect(page.body).toContain('Plan created');
    const { rows } = await t.database.pool.query<{ amount: string; currency: string }>(
      'SELECT amount::text, currency FROM catalog_prices WHERE plan_id = $1',
      [planId],
    );
    expect(rows).toEqual([{ amount: '999', currency: 'USD' }]);

    await newPlan(productId, 'jelly-quarterly', {
      intervalCount: '3',
      currency: 'eur',
      amount: '24',
      setupFee: '5.50',
    });
    const product = await owner.get(`/admin/catalog/${productId}`);
    expect(product.body).toContain('<td data-label="Price">$9.99</td>');
    expect(product.body).toContain('<td data-label="Price">€24.00</td>');
    expect(product.body).toContain('every 3 months');
    expect(productNames((await owner.get('/admin/catalog?q=jellyfin')).body)).toEqual(['Jellyfin Family']);
  });

  it('refuse a bad currency or amount on its field and create nothing', async () => {
    const before = await planCount();
    const currency = await addPlan(productId, 'bad-currency', { currency: 'XYZ' });
    expect(currency.statusCode).toBe(422);
    expect(fieldErrorText(currency.body, 'currency')).toBe('must be an ISO 4217 code such as USD or EUR');
    expect(currency.body).toContain('value="bad-currency"'); // what was typed is kept
    const decimals = await addPlan(productId, 'bad-amount', { amount: '9.999' });
    expect(decimals.statusCode).toBe(422);
    expect(fieldErrorText(decimals.body, 'amount')).toBe('must be a number with at most 2 decimals');
    const words = await addPlan(productId, 'bad-words', { amount: 'nine', setupFee: 'x' });
    expect(fieldErrorText(words.body, 'amount')).toMatch(/^must be a number/);
    expect(fieldErrorText(words.body, 'setupFee')).toMatch(/^must be a number/);
    const empty = await addPlan(productId, 'no-amount', { amount: '' });
    expect(fieldErrorText(empty.body, 'amount')).toBe('is required');
    const zero = await addPlan(productId, 'zero-amount', { amount: '0' });
    expect(zero.statusCode).toBe(422);
    expect(fieldErrorText(zero.body, 'amount')).toBe('must be more than zero');
    const yen = await addPlan(productId, 'yen-cents', { currency: 'JPY', amount: '100.5' });
    expect(fieldErrorText(yen.body, 'amount')).toBe('must be a whole number');
    expect(await planCount()).toBe(before);
  });

  it('refuse other bad settings field by field', async () => {
    const before = await planCount();
    const response = await addPlan(productId, 'Bad Code!', {
      name: '',
      intervalCount: '0',
      entitlementKeys: 'ok.key, Not Valid',
    });
    expect(response.statusCode).toBe(422);
    expect(fieldErrorText(response.body, 'name')).toBe('is required');
    expect(fieldErrorText(response.body, 'code')).toMatch(/letters, digits/);
    expect(fieldErrorText(response.body, 'intervalCount')).toBe('must be at least 1');
    expect(fieldErrorText(response.body, 'entitlementKeys')).toMatch(/^"Not Valid" must be lowercase/);
    const credits = await addPlan(productId, 'credits-no-unit', { creditsPerPeriod: '100' });
    expect(fieldErrorText(credits.body, 'creditUnit')).toMatch(/required with credits/);
    const fraction = await addPlan(productId, 'credits-fraction', {
      creditsPerPeriod: '1.5',
      creditUnit: 'hours',
    });
    expect(fieldErrorText(fraction.body, 'creditsPerPeriod')).toBe('must be a whole number');
    const unit = await addPlan(productId, 'credits-bad-unit', {
      creditsPerPeriod: '100',
      creditUnit: 'GPU: minutes',
    });
    expect(fieldErrorText(unit.body, 'creditUnit')).toBe(
      'must start with a letter and hold only letters, digits, _ and single spaces, at most 40 characters (e.g. credits, GPU minutes)',
    );
    expect(await planCount()).toBe(before);
  });

  it('keep codes unique', async () => {
    const before = await planCount();
    const duplicate = await addPlan(productId, 'JELLY-MONTHLY');
    expect(duplicate.statusCode).toBe(409);
    expect(fieldErrorText(duplicate.body, 'code')).toBe('is already in use');
    expect(duplicate.body).toContain('Another plan already uses this code.');
    expect(await planCount()).toBe(before);
  });

  it('follow the kind of their product: a membership repeats, a one-time product bills once', async () => {
    const before = await planCount();
    const once = await addPlan(productId, 'jelly-once', { intervalUnit: 'one_time' });
    expect(once.statusCode).toBe(422);
    expect(fieldErrorText(once.body, 'intervalUnit')).toBe(
      'must repeat (day, week, month or year) for a membership',
    );
    expect(await planCount()).toBe(before);
    // The form only offers what the product allows.
    const form = await owner.get(`/admin/catalog/${productId}`);
    expect(form.body).not.toContain('<option value="one_time"');
    const setup = await newProduct('Install service', 'one_time');
    const setupPage = await owner.get(`/admin/catalog/${setup}`);
    expect(setupPage.body).toContain('<option value="one_time" selected');
    expect(setupPage.body).not.toContain('<option value="month"');
    const planId = await newPlan(setup, 'install-once', { intervalUnit: 'one_time', amount: '49' });
    expect((await owner.get(`/admin/catalog/plans/${planId}`)).body).toContain('one time');
    expect((await owner.get(`/admin/catalog/${setup}`)).body).toContain('<td data-label="Price">$49.00</td>');
  });

  it('change their settings, with errors on the settings form only', async () => {
    const planId = await newPlan(productId, 'jelly-settings');
    const bad = await owner.submit(`/admin/catalog/plans/${planId}`, `/admin/catalog/plans/${planId}`, {
      name: 'Settings',
      trialDays: '-1',
      entitlementKeys: '',
      creditsPerPeriod: '',
      creditUnit: 'minutes',
      upgradeTiming: 'immediately',
      downgradeTiming: 'sometime',
    });
    expect(bad.statusCode).toBe(422);
    expect(fieldErrorText(bad.body, 'trialDays')).toBe('must not be negative');
    expect(fieldErrorText(bad.body, 'downgradeTiming')).toMatch(/immediately or period_end/);
    expect(fieldErrorText(bad.body, 'amount')).toBeUndefined(); // the price form is untouched
    const saved = await owner.submit(`/admin/catalog/plans/${planId}`, `/admin/catalog/plans/${planId}`, {
      name: 'Renamed',
      trialDays: '14',
      entitlementKeys: 'jellyfin.family',
      creditsPerPeriod: '500',
      creditUnit: 'GPU minutes',
      upgradeTiming: 'period_end',
      downgradeTiming: 'immediately',
    });
    expect(saved.statusCode).toBe(303);
    const page = await owner.get(`/admin/catalog/plans/${planId}`);
    expect(toastText(page.body)).toBe('Settings saved.');
    expect(page.body).toContain('<h2 class="detail-title">Renamed');
    expect(page.body).toContain('14 days');
    expect(pageText(page.body)).toContain(
      'Credits 500 GPU minutes / month · unspent expire at period end · on plan change: forfeited',
    );
    expect(page.body).toContain('Plan changed');
  });

  it('take the trial and reactivation rules from the forms, with defaults when left out', async () => {
    const defaults = await newPlan(productId, 'jelly-rules-default');
    const plain = await owner.get(`/admin/catalog/plans/${defaults}`);
    expect(plain.body).toContain("once per customer, across the product's plans");
    expect(plain.body).toContain('within 30 days of cancelling');
    expect(plain.body).toContain('<option value="true" selected');
    expect(plain.body).toMatch(/name="reactivationGraceDays" type="number" value="30"/);

    const planId = await newPlan(productId, 'jelly-rules', {
      trialDays: '7',
      oneTrialPerCustomer: 'false',
      reactivationGraceDays: '14',
    });
    const page = await owner.get(`/admin/catalog/plans/${planId}`);
    expect(page.body).toContain('on every new subscription');
    expect(page.body).toContain('within 14 days of cancelling');
    expect(page.body).toContain('<option value="false" selected');

    const settings = (change: Record<string, string>) =>
      owner.submit(`/admin/catalog/plans/${planId}`, `/admin/catalog/plans/${planId}`, {
        name: 'Rules',
        trialDays: '7',
        entitlementKeys: '',
        creditsPerPeriod: '',
        creditUnit: '',
        upgradeTiming: 'immediately',
        downgradeTiming: 'period_end',
        oneTrialPerCustomer: 'true',
        reactivationGraceDays: '14',
        ...change,
      });
    const bad = await settings({ oneTrialPerCustomer: 'maybe', reactivationGraceDays: '-1' });
    expect(bad.statusCode).toBe(422);
    expect(fieldErrorText(bad.body, 'oneTrialPerCustomer')).toBe('must be true or false');
    expect(fieldErrorText(bad.body, 'reactivationGraceDays')).toBe('must not be negative');
    const words = await settings({ reactivationGraceDays: 'a month' });
    expect(fieldErrorText(words.body, 'reactivationGraceDays')).toBe('must be a whole number');
    const refused = await addPlan(productId, 'jelly-rules-bad', { reactivationGraceDays: '1.5' });
    expect(refused.statusCode).toBe(422);
    expect(fieldErrorText(refused.body, 'reactivationGraceDays')).toBe('must be a whole number');

    expect((await settings({ oneTrialPerCustomer: 'true', reactivationGraceDays: '0' })).statusCode).toBe(
      303,
    );
    const saved = await owner.get(`/admin/catalog/plans/${planId}`);
    expect(saved.body).toContain("once per customer, across the product's plans");
    expect(saved.body).toContain('not after cancelling');
    expect(saved.body).toContain('oneTrialPerCustomer: false → true, reactivationGraceDays: 14 → 0');
    // A one-time plan neither has a trial nor can be reactivated: the form does not ask.
    const setup = await newProduct('Rules setup', 'one_time');
    expect((await owner.get(`/admin/catalog/${setup}`)).body).not.toContain('name="reactivationGraceDays"');
  });

  it('keep their credit rules: rollover and plan changes on recurring plans, expiry on packs', async () => {
    const detail = async (planId: string) =>
      pageText((await owner.get(`/admin/catalog/plans/${planId}`)).body);
    const addForm = (await owner.get(`/admin/catalog/${productId}`)).body;
    expect(addForm).toContain('name="creditRolloverCap"');
    expect(addForm).toContain('name="creditsOnPlanChange"');
    expect(addForm).not.toContain('name="creditExpiryDays"'); // a membership sells no packs

    const before = await planCount();
    const refused = await addPlan(productId, 'jelly-rules-no-credits', {
      creditRolloverCap: '500',
      creditsOnPlanChange: 'carry',
    });
    expect(refused.statusCode).toBe(422);
    expect(fieldErrorText(refused.body, 'creditRolloverCap')).toBe('needs credits per period');
    expect(fieldErrorText(refused.body, 'creditsOnPlanChange')).toBe('needs credits per period');
    expect(refused.body).toContain('name="creditRolloverCap" type="number" value="500"'); // kept as typed
    const fraction = await addPlan(productId, 'jelly-rules-fraction', {
      creditsPerPeriod: '1000',
      creditUnit: 'credits',
      creditRolloverCap: '2.5',
    });
    expect(fieldErrorText(fraction.body, 'creditRolloverCap')).toBe('must be a whole number');
    expect(await planCount()).toBe(before);

    const planId = await newPlan(productId, 'jelly-credits', {
      creditsPerPeriod: '1000',
      creditUnit: 'credits',
      creditRolloverCap: '500',
    });
    expect(await detail(planId)).toContain(
      'Credits 1000 credits / month · unspent roll over up to 500 · on plan change: forfeited',
    );
    const settings = (change: Record<string, string>) =>
      owner.submit(`/admin/catalog/plans/${planId}`, `/admin/catalog/plans/${planId}`, {
        name: 'Credits',
        trialDays: '0',
        entitlementKeys: '',
        creditsPerPeriod: '1000',
        creditUnit: 'credits',
        creditRolloverCap: '500',
        creditsOnPlanChange: 'forfeit',
        upgradeTiming: 'immediately',
        downgradeTiming: 'period_end',
        oneTrialPerCustomer: 'true',
        reactivationGraceDays: '30',
        ...change,
      });
    const orphaned = await settings({ creditsPerPeriod: '', creditUnit: '' });
    expect(orphaned.statusCode).toBe(422);
    expect(fieldErrorText(orphaned.body, 'creditRolloverCap')).toBe('needs credits per period');
    expect(await detail(planId)).toContain('1000 credits / month · unspent roll over up to 500');
    expect((await settings({ creditRolloverCap: '', creditsOnPlanChange: 'carry' })).statusCode).toBe(303);
    const carried = await owner.get(`/admin/catalog/plans/${planId}`);
    expect(pageText(carried.body)).toContain(
      'Credits 1000 credits / month · unspent expire at period end · on plan change: carried into pay-as-you-go credits',
    );
    expect(carried.body).toContain('<option value="carry" selected');
    expect(pageText(carried.body)).toContain('creditRolloverCap: 500 → —');

    // A credits product sells both: the add-plan form asks for every rule, saying which plans each is for.
    const gpu = await newProduct('GPU packs', 'credits');
    const either = pageText((await owner.get(`/admin/catalog/${gpu}`)).body);
    expect(either).toContain('blank: they expire. Recurring plans only.');
    expect(either).toContain('blank: never. One-time plans only.');
    const monthlyExpiry = await addPlan(gpu, 'gpu-monthly-expiry', {
      creditsPerPeriod: '100',
      creditUnit: 'credits',
      creditExpiryDays: '30',
    });
    expect(fieldErrorText(monthlyExpiry.body, 'creditExpiryDays')).toBe(
      'only applies to a one-time plan (a credit pack)',
    );
    const pack = await newPlan(gpu, 'gpu-pack', {
      intervalUnit: 'one_time',
      creditsPerPeriod: '5000',
      creditUnit: 'GPU minutes',
      creditExpiryDays: '90',
    });
    const packPage = await owner.get(`/admin/catalog/plans/${pack}`);
    expect(pageText(packPage.body)).toContain('Credits 5000 GPU minutes · expire 90 days after purchase');
    // A pack's settings ask for its expiry, not for rules of periods it does not have.
    expect(packPage.body).toContain('name="creditExpiryDays" type="number" value="90"');
    expect(packPage.body).not.toContain('name="creditRolloverCap"');
    const packSettings = (creditExpiryDays: string) =>
      owner.submit(`/admin/catalog/plans/${pack}`, `/admin/catalog/plans/${pack}`, {
        name: 'Pack',
        entitlementKeys: '',
        creditsPerPeriod: '5000',
        creditUnit: 'GPU minutes',
        creditExpiryDays,
        upgradeTiming: 'immediately',
        downgradeTiming: 'period_end',
      });
    const zero = await packSettings('0');
    expect(zero.statusCode).toBe(422);
    expect(fieldErrorText(zero.body, 'creditExpiryDays')).toBe('must be at least 1');
    expect((await packSettings('')).statusCode).toBe(303);
    expect(await detail(pack)).toContain('Credits 5000 GPU minutes · never expire');
  });

  it('version prices: a new price adds a version, the same price changes nothing', async () => {
    const planId = await newPlan(productId, 'jelly-versions');
    const raised = await setPrice(planId, { currency: 'USD', amount: '12.99' });
    expect(raised.statusCode).toBe(303);
    const page = await owner.get(`/admin/catalog/plans/${planId}`);
    expect(toastText(page.body)).toMatch(/^New USD price \$12\.99 \(version 2\)/);
    const history = page.body.slice(page.body.indexOf('Price history'));
    // Existing subscribers keep version 1 until moved; the way to move them is one click away.
    expect(history).toContain(`href="/admin/catalog/plans/${planId}/migrate-prices"`);
    const rows = [...history.matchAll(/<tr>(.*?)<\/tr>/g)]
      .map((m) => [...(m[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1]))
      .filter((cells) => cells.length > 0); // not the header row
    expect(rows.map((cells) => cells.slice(0, 4))).toEqual([
      ['USD', '2', '$12.99', '$0.00'],
      ['USD', '1', '$9.99', '$0.00'],
    ]);
    expect(rows[0]?.[5]).toContain('current');
    expect(rows[1]?.[5]).not.toContain('current');
    expect(history).toContain('existing subscribers keep the price they bought');
    expect(await versionCount(planId)).toBe(2);

    const same = await setPrice(planId, { currency: 'usd', amount: '12.99' });
    expect(same.statusCode).toBe(303);
    expect(toastText((await owner.get(`/admin/catalog/plans/${planId}`)).body)).toBe(
      'Price unchanged: USD is already $12.99.',
    );
    expect(await versionCount(planId)).toBe(2);

    const badCurrency = await setPrice(planId, { currency: 'XYZ', amount: '1' });
    expect(badCurrency.statusCode).toBe(422);
    expect(fieldErrorText(badCurrency.body, 'currency')).toMatch(/ISO 4217/);
    const badAmount = await setPrice(planId, { currency: 'USD', amount: '-3' });
    expect(fieldErrorText(badAmount.body, 'amount')).toBe('must be more than zero');
    expect(await versionCount(planId)).toBe(2);

    const euro = await setPrice(planId, { currency: 'EUR', amount: '8.99', setupFee: '2' });
    expect(euro.statusCode).toBe(303);
    const both = await owner.get(`/admin/catalog/${productId}`);
    expect(both.body).toContain('<td data-label="Price">€8.99 · $12.99</td>');
    const timeline = (await owner.get(`/admin/catalog/plans/${planId}`)).body;
    expect(timeline).toContain('USD: $9.99 → $12.99 (version 2)');
    expect(timeline).toContain('EUR: €8.99, setup fee €2.00 (version 1)');
  });

  it('are archived: badge shown, prices frozen until restored', async () => {
    const planId = await newPlan(productId, 'jelly-archive');
    const archived = await setArchived(owner, `/admin/catalog/plans/${planId}`, true);
    expect(archived.statusCode).toBe(303);
    const page = await owner.get(`/admin/catalog/plans/${planId}`);
    expect(page.body).toContain('<span class="badge warn">archived</span>');
    expect(page.body).toContain('Restore it to change its prices.');
    expect(page.body).toContain('Restore plan');
    const refused = await setPrice(planId, { currency: 'USD', amount: '1.00' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('This plan is archived; restore it before changing its prices.');
    expect(await versionCount(planId)).toBe(1);
    const product = await owner.get(`/admin/catalog/${productId}`);
    expect(product.body).toMatch(/jelly-archive<\/code>.*?<span class="badge warn">archived<\/span>/s);
    await setArchived(owner, `/admin/catalog/plans/${planId}`, false);
    expect((await setPrice(planId, { currency: 'USD', amount: '1.00' })).statusCode).toBe(303);
    expect((await auditActions(planId)).map((row) => row.action)).toEqual([
      'plan.created',
      'plan.archived',
      'plan.restored',
      'plan.price_set',
    ]);
  });

  it('answer 404 for a plan that does not exist', async () => {
    expect((await owner.get(`/admin/catalog/plans/${missing}`)).statusCode).toBe(404);
    expect((await setPrice(missing, { currency: 'USD', amount: '1' })).statusCode).toBe(404);
    const status = await owner.submit('/admin/catalog', `/admin/catalog/plans/${missing}/status`, {
      archived: 'true',
    });
    expect(status.statusCode).toBe(404);
    const settings = await owner.submit('/admin/catalog', `/admin/catalog/plans/${missing}`, { name: 'X' });
    expect(settings.statusCode).toBe(404);
  });
});

describe('roles and audit', () => {
  it('let a viewer read every catalog page but refuse every write with 403', async () => {
    const productId = await newProduct('Viewer check');
    const planId = await newPlan(productId, 'viewer-check');
    const viewer = await signIn(t.app, 'vic@example.com', viewerPassword);
    for (const url of ['/admin/catalog', `/admin/catalog/${productId}`, `/admin/catalog/plans/${planId}`]) {
      const page = await viewer.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain('method="post" action="/admin/catalog');
    }
    expect((await viewer.get('/admin/catalog/new')).statusCode).toBe(403);
    const audited = await rowCount('SELECT count(*) AS n FROM audit_events');
    const posts: [string, Record<string, string>][] = [
      ['/admin/catalog', { name: 'Sneaky', kind: 'service' }],
      [`/admin/catalog/${productId}`, { name: 'Sneaky' }],
      [`/admin/catalog/${productId}/status`, { archived: 'true' }],
      [`/admin/catalog/${productId}/plans`, planForm('sneaky')],
      [`/admin/catalog/plans/${planId}`, { name: 'Sneaky' }],
      [`/admin/catalog/plans/${planId}/prices`, { currency: 'USD', amount: '0.01' }],
      [`/admin/catalog/plans/${planId}/status`, { archived: 'true' }],
    ];
    for (const [url, form] of posts) {
      const response = await viewer.submit('/admin/catalog', url, form);
      expect(response.statusCode, url).toBe(403);
    }
    expect(await rowCount('SELECT count(*) AS n FROM audit_events')).toBe(audited);
  });

  it('record every change in the audit log, labelled and linked', async () => {
    const { rows } = await t.database.pool.query<{ action: string }>(
      "SELECT DISTINCT action FROM audit_events WHERE entity_type IN ('product', 'plan') ORDER BY action",
    );
    expect(rows.map((row) => row.action)).toEqual([
      'plan.archived',
      'plan.created',
      'plan.price_set',
      'plan.restored',
      'plan.updated',
      'product.archived',
      'product.created',
      'product.restored',
      'product.updated',
    ]);
    const products = await owner.get('/admin/audit?entity=product');
    expect(products.body).toContain('Product archived');
    expect(products.body).toMatch(/<a href="\/admin\/catalog\/[0-9a-f-]{36}">product<\/a>/);
    const plans = await owner.get('/admin/audit?entity=plan');
    expect(plans.body).toContain('Price set');
    expect(plans.body).toMatch(/<a href="\/admin\/catalog\/plans\/[0-9a-f-]{36}">plan<\/a>/);
  });
});
