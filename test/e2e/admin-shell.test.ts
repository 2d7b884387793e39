import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerPassword } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The admin shell in a real browser (Debian's Chromium) against a real server on a real port:
 * first-run wizard → sign in → dashboard → theme switch persisted per user → sign out.
 * It also fails on any console error, uncaught exception or CSP violation (htmx under our CSP).
 */

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
// Locally, no browser means skip (loudly); in CI the browser must be there, so never skip.
const skipWithoutBrowser = !hasChromium && !process.env.CI;
if (skipWithoutBrowser) {
  console.warn(
    `[e2e] Skipping the browser test: ${chromiumPath} not found. ` +
      'Install it with `apt-get update && apt-get install -y chromium` to run it.',
  );
}

const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const owner = { name: 'Olive Owner', email: 'owner@example.com' };

describe.skipIf(skipWithoutBrowser)('admin shell in a real browser', () => {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';
  const problems: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error(
        `${chromiumPath} is missing and CI is set: the browser test must not be skipped in CI. ` +
          'Install it with `apt-get update && apt-get install -y chromium`.',
      );
    }
    mkdirSync(screenshotDir, { recursive: true });
    t = await startTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A page that records console errors, uncaught exceptions and CSP violations into `problems`. */
  async function watchedPage(context: BrowserContext, label: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`[${label}] console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`[${label}] page error: ${error.message}`));
    await page.exposeFunction('__reportCspViolation', (text: string) =>
      problems.push(`[${label}] CSP violation: ${text}`),
    );
    // Runs in the page (injected by the browser, so our CSP does not block it); a string keeps
    // DOM types out of this Node-only project.
    await page.addInitScript(`
      document.addEventListener('securitypolicyviolation', function (event) {
        window.__reportCspViolation(
          event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
            ' at ' + event.sourceFile + ':' + event.lineNumber,
        );
      });
    `);
    return page;
  }

  const pathOf = (page: Page) => new URL(page.url()).pathname;
  const themeOf = (page: Page) => page.locator('html').getAttribute('data-theme');
  const toastText = async (page: Page) => ((await page.locator('#toasts .toast').textContent()) ?? '').trim();
  const screenshot = (page: Page, name: string) =>
    page.screenshot({ path: join(screenshotDir, name), fullPage: true });

  async function signIn(page: Page) {
    await page.fill('#field-email', owner.email);
    await page.fill('#field-password', ownerPassword);
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/admin'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
  }

  /** Clicks the theme switch (an htmx post) and waits for app.js to apply the saved theme. */
  async function toggleTheme(page: Page, expected: 'dark' | 'light') {
    const saved = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/admin/preferences/theme',
    );
    await page.getByTestId('theme-toggle').click();
    const response = await saved;
    expect(response.status(), 'theme switch response').toBe(200);
    expect(await response.json()).toEqual({ theme: expected });
    await expect.poll(() => themeOf(page), { timeout: 10_000 }).toBe(expected);
  }

  it(
    'runs the first-run wizard, signs in, persists the theme and signs out',
    { timeout: 60_000 },
    async () => {
      const context = await browser!.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
      const page = await watchedPage(context, 'desktop');

      // Before setup, every page leads to the wizard.
      await page.goto('/');
      expect(pathOf(page)).toBe('/setup');
      expect(await page.locator('h1').textContent()).toBe('Welcome to Tollgate');
      await screenshot(page, '01-setup.png');

      await page.fill('#field-name', owner.name);
      await page.fill('#field-email', owner.email);
      await page.fill('#field-password', ownerPassword);
      await page.fill('#field-passwordConfirmation', ownerPassword);
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/login'),
        page.getByRole('button', { name: 'Create owner account' }).click(),
      ]);
      expect(await toastText(page)).toContain('Owner account created');
      await screenshot(page, '02-login.png');

      await signIn(page);
      expect(await page.locator('h1.page-title').textContent()).toBe('Dashboard');
      expect(await themeOf(page)).toBe('auto');
      await screenshot(page, '03-dashboard-light.png');

      // The theme is saved for the user on the server, so it survives a reload.
      await toggleTheme(page, 'dark');
      await page.reload();
      expect(await themeOf(page)).toBe('dark');
      await screenshot(page, '04-dashboard-dark.png');

      // The account menu, opened (dark theme).
      await page.locator('details.account-menu > summary').click();
      await page.getByTestId('logout').waitFor({ state: 'visible' });
      await screenshot(page, '04b-account-menu-dark.png');
      await page.locator('details.account-menu > summary').click();

      await toggleTheme(page, 'light');
      await page.reload();
      expect(await themeOf(page)).toBe('light');

      // Signing out goes back to the sign-in page, and the admin is closed again.
      await page.locator('details.account-menu > summary').click();
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/login'),
        page.getByTestId('logout').click(),
      ]);
      expect(await toastText(page)).toBe('You have been signed out.');
      await screenshot(page, '05-signed-out.png');
      await page.goto('/admin');
      expect(pathOf(page)).toBe('/login');
      await context.close();

      // On a phone, the sidebar slides in from the hamburger.
      const phone = await browser!.newContext({
        baseURL: baseUrl,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      });
      const phonePage = await watchedPage(phone, 'phone');
      await phonePage.goto('/login');
      await signIn(phonePage);
      const sidebarX = async () => (await phonePage.locator('#sidebar').boundingBox())?.x;
      expect(await sidebarX(), 'the sidebar is off-screen until the hamburger is used').toBeLessThan(0);
      const overflow = await phonePage.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow, 'no sideways scrolling on a phone').toBe(0);
      await screenshot(phonePage, '06a-phone-dashboard.png');
      await phonePage.locator('label.nav-burger').click();
      expect(await phonePage.locator('#nav-open').isChecked()).toBe(true);
      await expect.poll(sidebarX, { timeout: 5_000 }).toBe(0);
      await phonePage.getByRole('link', { name: 'Team' }).waitFor({ state: 'visible' });
      await screenshot(phonePage, '06-phone-menu.png');
      // The sidebar and its scrim are fixed, so a full-page capture shows them one screen tall;
      // this is what the phone actually shows.
      await phonePage.screenshot({ path: join(screenshotDir, '06b-phone-menu-viewport.png') });
      await phone.close();

      expect(problems).toEqual([]);
    },
  );
});
