import { expect } from 'vitest';
import { BrowserClient, setUpOwner } from './browser-client.js';
import { fieldErrorText } from './page-text.js';
import { startTestApp, type TestApp } from './test-app.js';

/*
 * Form helpers for the catalog admin page tests (products, plans, add-ons): each fills in a
 * form of the admin as a browser would, through a signed-in BrowserClient.
 */

/** A well-formed id that no row has. */
export const missingId = '00000000-0000-4000-8000-000000000000';

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** The first uuid in a redirect location; '' when there is none. */
export const idIn = (location: unknown) => uuid.exec(String(location))?.[0] ?? '';

/** The number a `SELECT count(*) AS n …` query answers. */
export async function countRows(t: TestApp, sql: string, params: unknown[] = []) {
  return Number((await t.database.pool.query<{ n: string }>(sql, params)).rows[0]?.n);
}

/** The audit rows of one entity, oldest first. */
export async function auditRows(t: TestApp, entityId: string) {
  const { rows } = await t.database.pool.query<{ action: string; actor_label: string }>(
    'SELECT action, actor_label FROM audit_events WHERE entity_id = $1 ORDER BY id',
    [entityId],
  );
  return rows;
}

/**
 * The start the catalog page tests share: Tollgate on a fresh database, its owner signed in, and
 * a viewer (to sign in as later, for the role checks).
 */
export async function startCatalogPages(viewer: { email: string; name: string; password: string }) {
  const t = await startTestApp();
  const owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  const created = await owner.sendJson('POST', '/api/v1/staff-users', { ...viewer, role: 'viewer' });
  expect(created.statusCode).toBe(201);
  return { t, owner };
}

/**
 * The id a form redirected to; fails unless it redirected (303), showing the error on the
 * code field or else the start of the page.
 */
export function redirectedId(response: {
  statusCode: number;
  body: string;
  headers: { location?: unknown };
}) {
  expect(response.statusCode, fieldErrorText(response.body, 'code') ?? response.body.slice(0, 200)).toBe(303);
  return idIn(response.headers.location);
}

/** Creates a product through the new-product page; returns its id. */
export async function newProductAs(client: BrowserClient, name: string, kind: string, description = '') {
  return redirectedId(
    await client.submit('/admin/catalog/new', '/admin/catalog', { name, kind, description }),
  );
}

/** The product page's add-plan form, filled in for a monthly USD plan; `change` overrides fields. */
export const planForm = (code: string, change: Record<string, string> = {}) => ({
  name: `Plan ${code}`,
  code,
  intervalUnit: 'month',
  intervalCount: '1',
  trialDays: '0',
  entitlementKeys: '',
  creditsPerPeriod: '',
  creditUnit: '',
  creditRolloverCap: '',
  creditsOnPlanChange: 'forfeit',
  upgradeTiming: 'immediately',
  downgradeTiming: 'period_end',
  currency: 'USD',
  amount: '9.99',
  setupFee: '',
  ...change,
});

/** Submits one of the product page's forms that add to it (`plans`, `addons`); returns the response. */
export const addToProduct = (
  client: BrowserClient,
  productId: string,
  what: 'plans' | 'addons',
  form: Record<string, string>,
) => client.submit(`/admin/catalog/${productId}`, `/admin/catalog/${productId}/${what}`, form);

/** Archives (or restores) what the admin page `pageUrl` shows, through its status form. */
export const setArchived = (client: BrowserClient, pageUrl: string, archived: boolean) =>
  client.submit(pageUrl, `${pageUrl}/status`, { archived: String(archived) });
