import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserClient, ownerPassword, setUpOwner, signIn } from '../support/browser-client.js';
import { fieldErrorText, pageText, toastText } from '../support/page-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Changing a subscription from its admin page, as a browser without JavaScript does: every change
 * is previewed (the engine's exact amounts, in the customer's locale), then confirmed; the confirm
 * applies exactly what the preview showed, and a refusal shows the error and changes nothing.
 */

let t: TestApp;
let owner: BrowserClient;
let subscriptionId = '';
let basicPlanId = '';
let proPlanId = '';
let addonId = '';
const viewerPassword = 'viewer long password';
const page = () => `/admin/subscriptions/${subscriptionId}`;

/** The section of the page for one change form. */
const changeSection = (body: string, key: string) => {
  const start = body.indexOf(`id="change-${key}"`);
  return start < 0 ? '' : body.slice(start, body.indexOf('</details>', start));
};
/** The hidden inputs of the confirm form of a preview, as the browser would post them back. */
function confirmFields(section: string): Record<string, string> {
  const confirm = section.slice(section.lastIndexOf('<form'));
  return Object.fromEntries(
    [...confirm.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
      .filter((m) => m[1] !== '_csrf')
      .map((m) => [m[1] ?? '', pageText(m[2] ?? '')]),
  );
}

const query = async <Row>(sql: string, params: unknown[] = []) =>
  (await t.database.pool.query(sql, params)).rows as Row[];
const charges = () =>
  query<{ kind: string; amount: string }>(
    // What changes moved, leaving out the whole periods that subscribing and renewing bill.
    `SELECT kind, amount::text FROM subscription_charges
     WHERE subscription_id = $1 AND kind NOT IN ('period_charge', 'addon_charge', 'setup_fee')
     ORDER BY created_at, amount`,
    [subscriptionId],
  );
const transitionCount = async () =>
  Number(
    (
      await query<{ n: string }>(
        'SELECT count(*) AS n FROM subscription_transitions WHERE subscription_id = $1',
        [subscriptionId],
      )
    )[0]?.n,
  );
const row = async () =>
  (
    await query<{
      plan_id: string;
      quantity: number;
      pending_plan_id: string | null;
      cancel_at_period_end: boolean;
    }>('SELECT plan_id, quantity, pending_plan_id, cancel_at_period_end FROM subscriptions WHERE id = $1', [
      subscriptionId,
    ])
  )[0];

const preview = (key: string, form: Record<string, string>) =>
  owner.submit(page(), `${page()}/changes/${key}/preview`, form);
const commit = (key: string, form: Record<string, string>) =>
  owner.submit(page(), `${page()}/changes/${key}`, form);

beforeAll(async () => {
  t = await startTestApp();
  // A 31-day period from 1 January, so the middle of it is an exact half.
  t.clock.set('2027-01-01T00:00:00Z');
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  await owner.sendJson('POST', '/api/v1/staff-users', {
    email: 'val@example.com',
    name: 'Val Viewer',
    role: 'viewer',
    password: viewerPassword,
  });
  const product = (
    await owner.sendJson('POST', '/api/v1/products', { name: 'Render farm', kind: 'service' })
  ).json<{ id: string }>().id;
  const plan = async (code: string, name: string, amount: number) =>
    (
      await owner.sendJson('POST', `/api/v1/products/${product}/plans`, {
        code,
        name,
        intervalUnit: 'month',
        prices: [{ currency: 'EUR', amount }],
      })
    ).json<{ id: string }>().id;
  basicPlanId = await plan('basic', 'Basic', 1000);
  proPlanId = await plan('pro', 'Pro', 2000);
  addonId = (
    await owner.sendJson('POST', '/api/v1/addons', {
      productId: product,
      code: 'gpu',
      name: 'Extra GPU',
      maxQuantity: 4,
      prices: [{ currency: 'EUR', amount: 310, intervalUnit: 'month' }],
    })
  ).json<{ id: string }>().id;
  const customer = (
    await owner.sendJson('POST', '/api/v1/customers', {
      email: 'ada@example.com',
      name: 'Ada',
      currency: 'EUR',
      locale: 'de-DE',
    })
  ).json<{ id: string }>().id;
  subscriptionId = (
    await owner.sendJson('POST', '/api/v1/subscriptions', {
      customerId: customer,
      planId: basicPlanId,
      skipTrial: true,
    })
  ).json<{ id: string }>().id;
  // Half-way through the period; a fresh sign-in, as the first one has idled out by then.
  t.clock.set('2027-01-16T12:00:00Z');
  owner = await signIn(t.app, 'owner@example.com', ownerPassword);
});
afterAll(async () => t.close());

describe('changing a subscription from its page', () => {
  it('shows the plan, price version, period, next due and the change forms', async () => {
    const response = await owner.get(page());
    expect(response.statusCode).toBe(200);
    const shown = pageText(response.body);
    expect(shown).toContain('Price 10,00 € every month (version 1)');
    expect(shown).toContain('Current period 1 Jan 2027, 00:00 UTC → 1 Feb 2027, 00:00 UTC');
    expect(shown).toContain('Next due 1 Feb 2027, 00:00 UTC');
    for (const key of ['plan', 'addon', 'extend', 'pause', 'cancel'])
      expect(response.body).toContain(`id="change-${key}"`);
    // Only the recurring plans of the same product are offered.
    expect(pageText(changeSection(response.body, 'plan'))).toContain('Pro — 20,00 € every month');
  });

  it('previews an upgrade with the exact prorated lines, writing nothing', async () => {
    const before = await transitionCount();
    const response = await preview('plan', {
      planId: proPlanId,
      quantity: '1',
      timing: 'now',
      prorate: 'true',
    });
    expect(response.statusCode).toBe(200);
    const section = pageText(changeSection(response.body, 'plan'));
    expect(section).toContain('Unused time on Basic × 1 Proration credit 16 Jan 2027 → 1 Feb 2027 -5,00 €');
    expect(section).toContain('Remaining time on Pro × 1 Proration charge 16 Jan 2027 → 1 Feb 2027 10,00 €');
    expect(section).toContain('Total charged: 5,00 €');
    expect(section).toContain('State after stays active');
    expect(section).toContain('Plan after Pro × 1');
    expect(section).toContain('Period 1 Jan 2027, 00:00 UTC → 1 Feb 2027, 00:00 UTC (unchanged)');
    expect(section).toContain('effective 16 Jan 2027, 12:00 UTC');
    expect(await transitionCount()).toBe(before);
    expect(await charges()).toEqual([]);
    expect((await row())?.plan_id).toBe(basicPlanId);
  });

  it('confirms exactly the previewed amounts, even a while later', async () => {
    const previewed = await preview('plan', {
      planId: proPlanId,
      quantity: '1',
      timing: 'now',
      prorate: 'true',
    });
    const fields = confirmFields(changeSection(previewed.body, 'plan'));
    expect(fields).toEqual({
      planId: proPlanId,
      quantity: '1',
      timing: 'now',
      prorate: 'true',
      quotedAt: '2027-01-16T12:00:00.000Z',
    });
    // Ten minutes of reading later the unused time is smaller, but the commit keeps the quote.
    t.clock.set('2027-01-16T12:10:00Z');
    const done = await commit('plan', { ...fields, reason: 'Needs more GPUs' });
    expect(done.statusCode).toBe(303);
    expect(await charges()).toEqual([
      { kind: 'proration_credit', amount: '-500' },
      { kind: 'proration_charge', amount: '1000' },
    ]);
    const after = await owner.get(page());
    expect(toastText(after.body)).toBe('Subscription plan changed: Needs more GPUs. Charged 5,00 €.');
    const shown = pageText(after.body);
    expect(shown).toContain('Render farm · Pro');
    expect(shown).toMatch(
      /Pending charges .*Unused time on Basic × 1 Proration credit -5,00 € 16 Jan 2027 → 1 Feb 2027 Remaining time on Pro × 1 Proration charge 10,00 € 16 Jan 2027 → 1 Feb 2027/,
    );
    expect(shown).toContain('Plan changed');
    expect(shown).toContain('Needs more GPUs');
    expect((await row())?.plan_id).toBe(proPlanId);
  });

  it('refuses a change the engine refuses: the error by the field, nothing written', async () => {
    const before = await transitionCount();
    const zeroDays = await preview('extend', { days: '0' });
    expect(zeroDays.statusCode).toBe(422);
    expect(fieldErrorText(zeroDays.body, 'days')).toBe('must be at least 1');
    expect(changeSection(zeroDays.body, 'extend')).toContain('open');

    const samePlan = await commit('plan', {
      planId: proPlanId,
      quantity: '1',
      timing: 'now',
      prorate: 'true',
    });
    expect(samePlan.statusCode).toBe(422);
    expect(fieldErrorText(samePlan.body, 'planId')).toBe(
      'is the current plan and quantity; choose another plan or quantity',
    );

    const notCanceled = await commit('reactivate', {});
    expect(notCanceled.statusCode).toBe(409);
    expect(pageText(notCanceled.body)).toContain('Cannot reactivate a subscription that is active.');

    const stale = await commit('extend', { days: '3', quotedAt: '2027-01-16T09:00:00.000Z' });
    expect(stale.statusCode).toBe(422);
    expect(pageText(stale.body)).toContain('That preview has expired. Preview the change again.');

    expect(await transitionCount()).toBe(before);
    expect(await charges()).toHaveLength(2);
  });

  it('books a downgrade for the period end and shows it on the page', async () => {
    const previewed = await preview('plan', {
      planId: basicPlanId,
      quantity: '1',
      timing: 'default',
      prorate: 'true',
    });
    const section = pageText(changeSection(previewed.body, 'plan'));
    expect(section).toContain('Nothing is charged or credited.');
    expect(section).toContain('Booked for the period end Downgrade to Basic × 1 on 1 Feb 2027');
    const done = await commit('plan', confirmFields(changeSection(previewed.body, 'plan')));
    expect(done.statusCode).toBe(303);
    expect(pageText((await owner.get(page())).body)).toContain(
      'Booked change Downgrade to Basic × 1 on 1 Feb 2027',
    );
    expect((await row())?.pending_plan_id).toBe(basicPlanId);
  });

  it('adds an add-on line prorated for the rest of the period', async () => {
    const previewed = await preview('addon', { addonId, quantity: '2' });
    const section = pageText(changeSection(previewed.body, 'addon'));
    // Two at 3,10 € a month for the rest of the period, just under half of it: 6,20 € × 1338600 s / 2678400 s.
    expect(section).toContain(
      'Extra GPU: 0 → 2 for the rest of the period Proration charge 16 Jan 2027 → 1 Feb 2027 3,10 €',
    );
    expect(section).toContain('Add-on Extra GPU: 0 → 2');
    const done = await commit('addon', confirmFields(changeSection(previewed.body, 'addon')));
    expect(done.statusCode).toBe(303);
    const shown = pageText((await owner.get(page())).body);
    expect(shown).toMatch(/Add-ons .*Extra GPU 2 3,10 € every month \(version 1\)/);
  });

  it('cancels at the period end, and Undo takes it back', async () => {
    const previewed = await preview('cancel', { when: 'period_end' });
    expect(pageText(changeSection(previewed.body, 'cancel'))).toContain(
      'Cancels at the period end Yes, on 1 Feb 2027',
    );
    expect((await commit('cancel', confirmFields(changeSection(previewed.body, 'cancel')))).statusCode).toBe(
      303,
    );
    const canceled = await owner.get(page());
    expect(pageText(canceled.body)).toContain('Cancels at period end Yes, on 1 Feb 2027 Undo');
    expect((await row())?.cancel_at_period_end).toBe(true);

    const undone = await commit('undo-cancel', {});
    expect(undone.statusCode).toBe(303);
    expect(toastText((await owner.get(page())).body)).toBe(
      'Subscription cancellation taken back: Cancellation taken back; it renews as before.',
    );
    expect((await row())?.cancel_at_period_end).toBe(false);
    const again = await commit('undo-cancel', {});
    expect(again.statusCode).toBe(409);
    expect(pageText(again.body)).toContain(
      'This subscription is not set to cancel; there is nothing to undo.',
    );
  });

  it('pauses until a date typed in UTC, and resumes', async () => {
    const previewed = await preview('pause', { resumeAt: '2027-02-10T09:30' });
    expect(previewed.statusCode).toBe(200);
    const section = pageText(changeSection(previewed.body, 'pause'));
    expect(section).toContain('State after active → paused');
    expect(section).toContain('Resumes 10 Feb 2027, 09:30 UTC');
    expect((await commit('pause', confirmFields(changeSection(previewed.body, 'pause')))).statusCode).toBe(
      303,
    );
    const paused = await owner.get(page());
    expect(pageText(paused.body)).toContain(
      'Paused since 16 Jan 2027, 12:10 UTC; resumes 10 Feb 2027, 09:30 UTC',
    );
    // Pause and resume have their own forms; the plain state changes no longer offer them.
    expect(paused.body).not.toContain('<option value="resume"');

    const resumed = await preview('resume', {});
    expect(pageText(changeSection(resumed.body, 'resume'))).toContain('State after paused → active');
    expect((await commit('resume', confirmFields(changeSection(resumed.body, 'resume')))).statusCode).toBe(
      303,
    );
    expect(pageText((await owner.get(page())).body)).not.toContain('Paused since');
  });

  it('lets a viewer read the page but not change anything', async () => {
    const viewer = await signIn(t.app, 'val@example.com', viewerPassword);
    const seen = await viewer.get(page());
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('id="change-plan"');
    const refused = await viewer.submit(page(), `${page()}/changes/extend/preview`, { days: '3' });
    expect(refused.statusCode).toBe(403);
    expect((await preview('teleport', {})).statusCode).toBe(404);
  });
});
