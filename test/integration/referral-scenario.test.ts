import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.js';

/**
 * A referral told on a test clock, through the API: the referred customer's 3-month plan earns the
 * referrer 14 days once, however many renewals follow, and the refund of that first payment takes
 * the 14 days back.
 */

let world: ReferralWorld;
beforeAll(async () => {
  world = await startReferralWorld();
});
afterAll(async () => {
  await world.t.close();
});

describe('a referred customer buys a 3-month plan', () => {
  it('gives the referrer 14 days once, and takes them back when that payment is refunded', async () => {
    const { api } = world;
    const clock = await api.clock('2027-01-10T00:00:00Z');
    const { customer: referrer, subscription: referrers } = await world.subscriber(clock.id, world.plans[1]);
    expect(referrers.currentPeriodEnd).toBe('2027-02-10T00:00:00.000Z');
    const { customer: friend, subscription: friends } = await world.subscriber(clock.id, world.plans[3]);
    await world.refer(friend.id, referrer.id);

    await api.advance(clock.id, '2027-01-10T00:00:01Z');
    const [first] = await world.invoicesOf(friends.id);
    expect(first?.status).toBe('open');
    await world.pay(first?.id ?? '');
    expect((await api.subscription(referrers.id)).currentPeriodEnd).toBe('2027-02-24T00:00:00.000Z');
    expect(await world.referralOf(friend.id)).toMatchObject({
      status: 'rewarded',
      planMonths: 3,
      reward: { kind: 'bonus_days', days: 14 },
    });

    // Two of the friend's renewals (10 April, 10 July) and the referrer's, each friend's invoice paid.
    await api.advance(clock.id, '2027-08-01T00:00:00Z');
    const renewals = (await world.invoicesOf(friends.id)).slice(1);
    expect(renewals).toHaveLength(2);
    for (const invoice of renewals) await world.pay(invoice.id);
    const renewed = await api.subscription(referrers.id);
    // The extension restarted the referrer's schedule on the 24th.
    expect(renewed.currentPeriodStart).toBe('2027-07-24T00:00:00.000Z');
    expect(renewed.currentPeriodEnd).toBe('2027-08-24T00:00:00.000Z');
    expect(renewed.timeline?.filter((line) => line.action === 'extended')).toHaveLength(1);

    await world.refund(first?.id ?? '', Number(first?.total));
    const refunded = await api.subscription(referrers.id);
    expect(refunded.currentPeriodEnd).toBe('2027-08-10T00:00:00.000Z');
    expect(refunded.timeline?.filter((line) => line.action === 'shortened')).toHaveLength(1);
    expect((await world.referralOf(friend.id)).status).toBe('reversed');

    // The referrer then renews on the 10th again, as if the days had never been given.
    await api.advance(clock.id, '2027-08-11T00:00:00Z');
    expect(await api.subscription(referrers.id)).toMatchObject({
      currentPeriodStart: '2027-08-10T00:00:00.000Z',
      currentPeriodEnd: '2027-09-10T00:00:00.000Z',
    });
  });
});
