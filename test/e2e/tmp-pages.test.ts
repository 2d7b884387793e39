// THROWAWAY: screenshots of more admin pages for a visual review. Delete before finishing.
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, ownerPassword, setUpOwner } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const dir = '/tmp/ui/shots/';
const problems: string[] = [];
let t: TestApp;
let browser: Browser;
let baseUrl = '';
let staffId = '';

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  t = await startTestApp();
  const client = new BrowserClient(t.app);
  await setUpOwner(client);
  for (let i = 0; i < 14; i++) {
    const r = await client.submit('/admin/team/new', '/admin/team', {
      name: `Staff Person Number ${i} With A Longish Name`,
      email: `staff.person.number.${i}@a-rather-long-domain-example.com`,
      role: i % 3 === 0 ? 'admin' : 'viewer',
      password: 'another long passphrase here',
    });
    if (i === 0) staffId = /\/admin\/team\/([^"/]+)$/.exec(r.headers.location as string)![1]!;
  }
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function newPage(context: BrowserContext, label: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`[${label}] ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`[${label}] ${e.message}`));
  return page;
}

async function signIn(page: Page) {
  await page.goto('/login');
  await page.fill('#field-email', 'owner@example.com');
  await page.fill('#field-password', ownerPassword);
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

const overflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

async function tour(page: Page, prefix: string, widthLabel: string) {
  const out: string[] = [];
  const shot = async (name: string) => {
    const o = await overflow(page);
    out.push(`${prefix}-${name}: overflow ${o}`);
    if (o > 0)
      out.push(
        await page.evaluate<string>(`Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')`),
      );
    await page.screenshot({ path: `${dir}${prefix}-${name}.png`, fullPage: true });
    await page.screenshot({ path: `${dir}${prefix}-${name}-top.png` });
  };
  await page.goto('/admin');
  await shot('dashboard');
  await page.goto('/admin/team');
  await shot('team');
  await page.goto('/admin/team/new');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await page.waitForLoadState();
  await shot('team-new-errors');
  await page.goto(`/admin/team/${staffId}`);
  await shot('team-detail');
  await page.goto('/admin/audit');
  await shot('audit');
  await page.goto('/admin/account');
  await shot('account');
  console.log(widthLabel, out.join('\n'));
}

describe('tmp screenshots', () => {
  it('desktop light/dark and details', { timeout: 120_000 }, async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 }, colorScheme: scheme });
      const page = await newPage(context, `desktop-${scheme}`);
      await signIn(page);
      await tour(page, `desk-${scheme}`, 'desktop');
      if (scheme === 'dark') {
        // auto + dark device: the switch shows the sun and posts 'light'.
        expect(await page.locator('html').getAttribute('data-theme')).toBe('auto');
        expect(await page.locator('[data-theme-toggle] input[name=theme]').getAttribute('value')).toBe('light');
        expect(await page.locator('.theme-icon-sun').isVisible()).toBe(true);
        expect(await page.locator('.theme-icon-moon').isVisible()).toBe(false);
        await page.goto('/admin');
        await page.screenshot({ path: `${dir}auto-dark-before-toggle.png` });
        await page.getByTestId('theme-toggle').click();
        await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light');
        await expect.poll(() => page.locator('.theme-icon-moon').isVisible()).toBe(true);
        await page.screenshot({ path: `${dir}auto-dark-after-toggle.png` });
        await page.getByTestId('theme-toggle').click();
        await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
        await expect.poll(() => page.locator('.theme-icon-sun').isVisible()).toBe(true);
        // collapsed sidebar
        await page.locator('[data-collapse-sidebar]').click();
        await page.waitForTimeout(300);
        expect(await page.locator('[data-collapse-sidebar]').getAttribute('aria-pressed')).toBe('true');
        await page.screenshot({ path: `${dir}desk-dark-collapsed.png` });
        await page.locator('[data-collapse-sidebar]').click();
        // toasts of each kind, zoomed
        await page.evaluate(`(() => {
          const t = document.getElementById('toasts');
          t.innerHTML = '<div class="toast toast-success">Changes saved.</div><div class="toast toast-error">That change was refused.</div><div class="toast toast-info">Heads up: nothing to see.</div>';
        })()`);
        await page.screenshot({ path: `${dir}toasts-dark.png`, clip: { x: 780, y: 560, width: 500, height: 240 } });
        // focus ring on a button and a link
        await page.goto('/admin/team/new');
        await page.focus('.form-actions .button');
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Tab');
        await page.screenshot({ path: `${dir}focus-dark.png`, clip: { x: 232, y: 60, width: 700, height: 500 } });
      } else {
        await page.goto('/admin');
        await page.evaluate(`(() => {
          const t = document.getElementById('toasts');
          t.innerHTML = '<div class="toast toast-success">Changes saved.</div><div class="toast toast-error">That change was refused.</div><div class="toast toast-info">Heads up: nothing to see.</div>';
        })()`);
        await page.screenshot({ path: `${dir}toasts-light.png`, clip: { x: 780, y: 560, width: 500, height: 240 } });
        await page.goto('/admin/team/new');
        await page.focus('.form-actions .button');
        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Tab');
        await page.screenshot({ path: `${dir}focus-light.png`, clip: { x: 232, y: 60, width: 700, height: 500 } });
      }
      await context.close();
    }
  });

  it('phones', { timeout: 120_000 }, async () => {
    for (const [width, scheme] of [
      [320, 'light'],
      [390, 'dark'],
    ] as const) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width, height: 740 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        colorScheme: scheme,
      });
      const page = await newPage(context, `phone-${width}`);
      await signIn(page);
      await tour(page, `phone${width}-${scheme}`, `phone ${width}`);
      await page.goto('/admin');
      await page.locator('label.nav-burger').click();
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${dir}phone${width}-${scheme}-drawer.png` });
      await page.locator('label.nav-close').click();
      await page.waitForTimeout(400);
      expect(await page.locator('#nav-open').isChecked()).toBe(false);
      await page.goto('/login');
      await context.close();
    }
    // the sign-in page on a phone, with a toast
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, isMobile: true });
    const page = await newPage(context, 'phone-login');
    await signIn(page);
    await page.locator('details.account-menu > summary').click();
    await page.screenshot({ path: `${dir}phone320-menu.png` });
    await Promise.all([page.waitForURL((u) => u.pathname === '/login'), page.getByTestId('logout').click()]);
    await page.screenshot({ path: `${dir}phone320-signed-out.png` });
    console.log('login overflow', await overflow(page));
    await context.close();
    expect(problems).toEqual([]);
  });
});
