import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/browser-client.js';
import { fieldErrorText, pageText, toastText } from '../support/page-text.js';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.js';

/** /admin/referrals (programme form and the list) and the Referrals card of a customer's page. */

let world: ReferralWorld;
let clockId = '';
beforeAll(async () => {
  world = await startReferralWorld();
  clockId = (await world.api.clock('2027-01-10T00:00:00Z')).id;
});
afterAll(async () => {
  await world.t.close();
});

const programmeForm = (change: Record<string, string> = {}) => ({
  enabled: 'true',
  rewardKind: 'bonus_days',
  'tiers.0.months': '1',
  'tiers.0.amount': '7',
  'tiers.0.couponId': '',
  'tiers.1.months': '',
  'tiers.1.amount': '',
  'tiers.2.months': '6',
  'tiers.2.amount': '30',
  ...change,
});

describe('the referrals page', () => {
  it('shows an empty list that says what referrals are, and the programme form with the tiers', async () => {
    const page = await world.owner.get('/admin/referrals');
    expect(page.statusCode).toBe(200);
    const text = pageText(page.body);
    expect(text).toContain('No referrals yet');
    expect(text).toContain('Save programme');
    expect(page.body).toMatch(/name="tiers\.1\.months"[^>]*value="3"|value="3"[^>]*name="tiers\.1\.months"/);
    expect(page.body).toContain('href="/admin/referrals"');
  });

  it('saves the programme, leaving out blank rows, and shows errors under the row they belong to', async () => {
    const refused = await world.owner.submit(
      '/admin/referrals',
      '/admin/referrals/programme',
      programmeForm({ 'tiers.2.amount': 'lots' }),
    );
    expect(refused.statusCode).toBe(422);
    expect(fieldErrorText(refused.body, 'tiers.2.amount')).toBe(
      'must be a whole number of days from 1 to 3650',
    );
    expect(fieldErrorText(refused.body, 'tiers.0.amount')).toBeUndefined();

    const saved = await world.owner.submit('/admin/referrals', '/admin/referrals/programme', programmeForm());
    expect(saved.statusCode).toBe(303);
    expect(toastText((await world.owner.get('/admin/referrals')).body)).toBe('Referral programme saved.');
    expect(await world.api.get('/api/v1/referral-programme')).toMatchObject({
      enabled: true,
      tiers: [
        { months: 1, amount: '7' },
        { months: 6, amount: '30' },
      ],
    });
  });

  it('takes money in decimals of the currency, and refuses one that is not an amount of it', async () => {
    const money = {
      rewardKind: 'money',
      rewardUnit: 'usd',
      'tiers.0.amount': '5.00',
      'tiers.2.amount': '12.5',
    };
    const refused = await world.owner.submit(
      '/admin/referrals',
      '/admin/referrals/programme',
      programmeForm({ ...money, 'tiers.2.amount': '1.234' }),
    );
    expect(refused.statusCode).toBe(422);
    expect(fieldErrorText(refused.body, 'tiers.2.amount')).toBeDefined();
    const saved = await world.owner.submit(
      '/admin/referrals',
      '/admin/referrals/programme',
      programmeForm(money),
    );
    expect(saved.statusCode).toBe(303);
    expect(await world.api.get('/api/v1/referral-programme')).toMatchObject({
      rewardKind: 'money',
      rewardUnit: 'USD',
      tiers: [
        { months: 1, amount: '500' },
        { months: 6, amount: '1250' },
      ],
    });
    expect((await world.owner.get('/admin/referrals')).body).toContain('value="12.50"');
    await world.owner.submit('/admin/referrals', '/admin/referrals/programme', programmeForm());
  });

  it('lists referrals with their outcome, filters them by status and finds them by customer', async () => {
    const referrer = await world.api.customer(clockId);
    const { customer: paying, subscription } = await world.subscriber(clockId, world.plans[1]);
    const waiting = await world.api.customer(clockId);
    await world.refer(paying.id, referrer.id);
    await world.refer(waiting.id, referrer.id);
    await world.api.advance(clockId, '2027-01-10T00:00:01Z');
    await world.pay((await world.invoicesOf(subscription.id))[0]?.id ?? '');

    const all = pageText((await world.owner.get('/admin/referrals')).body);
    expect(all).toContain('Waiting for their first paid invoice');
    expect(all).toContain('The referrer has no running subscription to add days to.');
    const pending = pageText((await world.owner.get('/admin/referrals?status=pending')).body);
    expect(pending).toContain('Waiting for their first paid invoice');
    expect(pending).not.toContain('no running subscription');
    const names = await world.api.get<{ name: string }>(`/api/v1/customers/${waiting.id}`);
    const found = pageText(
      (await world.owner.get(`/admin/referrals?q=${encodeURIComponent(names.name)}`)).body,
    );
    expect(found).toContain('1–1 of 1');
    const none = pageText((await world.owner.get('/admin/referrals?q=nobody-like-this')).body);
    expect(none).toContain('Nothing matches');
  });

  it('shows viewers the programme without the form', async () => {
    await world.api.post('/api/v1/staff-users', {
      email: 'vic@example.com',
      name: 'Vic Viewer',
      role: 'viewer',
      password: 'viewer long password',
    });
    const viewer = await signIn(world.t.app, 'vic@example.com', 'viewer long password');
    const text = pageText((await viewer.get('/admin/referrals')).body);
    expect(text).toContain('Bonus days on the referrer’s subscription');
    expect(text).not.toContain('Save programme');
    const post = await viewer.submit('/admin/referrals', '/admin/referrals/programme', programmeForm());
    expect(post.statusCode).toBe(403);
  });
});

describe('the Referrals card of a customer', () => {
  it('shows the code and link, records who referred them (with the refusal under the field), and whom they referred', async () => {
    const referrer = await world.api.customer(clockId);
    const friend = await world.api.customer(clockId);
    const code = await world.codeOf(referrer.id);

    const page = pageText((await world.owner.get(`/admin/customers/${referrer.id}`)).body);
    expect(page).toContain(`Referral code ${code}`);
    expect(page).toContain(`https://billing.example.com/r/${code}`);
    expect(page).toContain('Referred by Nobody');

    const own = await world.owner.submit(
      `/admin/customers/${friend.id}`,
      `/admin/customers/${friend.id}/referral`,
      {
        code: await world.codeOf(friend.id),
      },
    );
    expect(own.statusCode).toBe(422);
    expect(fieldErrorText(own.body, 'code')).toBe('is this customer’s own code');

    const recorded = await world.owner.submit(
      `/admin/customers/${friend.id}`,
      `/admin/customers/${friend.id}/referral`,
      { code },
    );
    expect(recorded.statusCode).toBe(303);
    const friendPage = (await world.owner.get(`/admin/customers/${friend.id}`)).body;
    expect(toastText(friendPage)).toBe('Referral recorded.');
    const referrerName = (await world.api.get<{ name: string }>(`/api/v1/customers/${referrer.id}`)).name;
    expect(pageText(friendPage)).toContain(`Referred by ${referrerName} pending`);
    expect(pageText(friendPage)).not.toContain('Record referral');

    const friendName = (await world.api.get<{ name: string }>(`/api/v1/customers/${friend.id}`)).name;
    const after = pageText((await world.owner.get(`/admin/customers/${referrer.id}`)).body);
    expect(after).toContain('Referred 1 customer, 0 rewarded');
    expect(after).toContain(`${friendName} pending Waiting for their first paid invoice`);
  });
});
