import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setPlanPrice } from '../../src/modules/catalog/index.js';
import {
  applySubscriptionAction,
  cancelSubscription,
  changePlan,
  commitChange,
  extendSubscription,
  listSubscriptionCharges,
  migratePrices,
  pauseSubscription,
  previewChange,
  previewPriceMigration,
  prorate,
  reactivateSubscription,
  resumeSubscription,
  stepTotal,
  undoCancellation,
} from '../../src/modules/subscriptions/index.js';
import { startLifecycleWorld, type LifecycleWorld } from '../support/lifecycle-world.js';

let world: LifecycleWorld;
beforeAll(async () => {
  world = await startLifecycleWorld();
});
afterAll(async () => {
  await world.close();
});

const usd = (amount: number) => [{ currency: 'USD', amount }];
const periodKinds = ['period_charge', 'addon_charge', 'setup_fee'];
/** The money changes moved, leaving out the whole periods that subscribing and renewing bill. */
async function changeCharges(subscriptionId: string) {
  return (await listSubscriptionCharges(world.db, subscriptionId)).filter(
    (line) => !periodKinds.includes(line.kind),
  );
}
const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

async function monthlyPlans(codePrefix: string, extra: { trialDays?: number } = {}) {
  const product = await world.product(`${codePrefix} product`);
  const basic = await world.plan(product.id, {
    code: `${codePrefix}-basic`,
    name: 'Basic',
    intervalUnit: 'month',
    prices: usd(1000),
    ...extra,
  });
  const premium = await world.plan(product.id, {
    code: `${codePrefix}-premium`,
    name: 'Premium',
    intervalUnit: 'month',
    prices: usd(2000),
  });
  return { product, basic, premium };
}

describe('trial, then renewals for 14 months (New York, anchored on the 31st)', () => {
  it('converts at trial end, renews on the 31st or the month’s last day, with no gap or overlap', async () => {
    const { basic } = await monthlyPlans('story-trial', { trialDays: 14 });
    // 17 Jan 2027 00:00 in New York (UTC−5): the 14-day trial ends 31 Jan 00:00 local.
    const { testClock, customer } = await world.sandboxCustomer('2027-01-17T05:00:00Z', 'America/New_York');
    const created = await world.subscribe({ customerId: customer.id, planId: basic.id });
    expect(created.state).toBe('trialing');
    expect(iso(created.trialEndsAt)).toBe('2027-01-31T05:00:00.000Z');

    await world.advance(testClock.id, '2028-04-01T00:00:00Z');
    const after = await world.read(created.id);
    expect(after.state).toBe('active');

    const events = await world.events(created.id);
    const types = events.map((event) => event.type);
    expect(types.slice(0, 3)).toEqual([
      'subscription.created',
      'subscription.trial_will_end',
      'subscription.trial_converted',
    ]);
    expect(iso(events[1]?.occurredAt)).toBe('2027-01-28T05:00:00.000Z'); // three days before the trial ends
    const renewals = events.filter((event) => event.type === 'subscription.renewed');
    expect(renewals).toHaveLength(14);

    // Every period starts where the one before ended: midnight in New York, EST or EDT.
    const periods = events
      .filter(
        (event) => event.type !== 'subscription.created' && event.type !== 'subscription.trial_will_end',
      )
      .map((event) => ({ start: String(event.payload.periodStart), end: String(event.payload.periodEnd) }));
    for (let i = 1; i < periods.length; i += 1) expect(periods[i]?.start).toBe(periods[i - 1]?.end);
    expect(periods.map((period) => period.start)).toEqual([
      '2027-01-31T05:00:00.000Z',
      '2027-02-28T05:00:00.000Z',
      '2027-03-31T04:00:00.000Z', // EDT from 14 March
      '2027-04-30T04:00:00.000Z',
      '2027-05-31T04:00:00.000Z',
      '2027-06-30T04:00:00.000Z',
      '2027-07-31T04:00:00.000Z',
      '2027-08-31T04:00:00.000Z',
      '2027-09-30T04:00:00.000Z',
      '2027-10-31T04:00:00.000Z',
      '2027-11-30T05:00:00.000Z', // EST from 7 November
      '2027-12-31T05:00:00.000Z',
      '2028-01-31T05:00:00.000Z',
      '2028-02-29T05:00:00.000Z', // leap year
      '2028-03-31T04:00:00.000Z',
    ]);
    expect(iso(after.currentPeriodEnd)).toBe('2028-04-30T04:00:00.000Z');
    // The timeline tells the same story, by the system.
    expect(after.transitions.filter((step) => step.action === 'renewed')).toHaveLength(14);
    expect(after.transitions.every((step) => step.actorLabel === 'system' || step.action === 'created')).toBe(
      true,
    );
  });
});

describe('upgrade in the middle of a period (Stripe’s worked example)', () => {
  it('credits $5 of Basic, charges $10 of Premium: +$5.00, and the preview is exactly the commit', async () => {
    const { basic, premium } = await monthlyPlans('story-upgrade');
    // April has 30 days; 16 April 00:00 UTC is its exact middle.
    const { testClock, customer } = await world.sandboxCustomer('2027-04-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    await world.advance(testClock.id, '2027-04-16T00:00:00Z');

    const preview = await previewChange(world.subscriptions, subscription.id, changePlan, {
      planId: premium.id,
    });
    expect(preview.charges.map((line) => [line.kind, line.amount])).toEqual([
      ['proration_credit', -500n],
      ['proration_charge', 1000n],
    ]);
    expect(stepTotal(preview)).toBe(500n);

    const done = await commitChange(
      world.subscriptions,
      subscription.id,
      changePlan,
      { planId: premium.id, quotedAt: preview.at },
      world.actor,
    );
    expect(done.charges).toEqual(preview.charges);
    expect(done.after.planId).toBe(premium.id);
    const charges = await changeCharges(subscription.id);
    expect(charges.map((line) => line.amount)).toEqual([-500n, 1000n]);

    // The next renewal is Premium's, on the same anchor.
    await world.advance(testClock.id, '2027-05-02T00:00:00Z');
    const renewed = await world.read(subscription.id);
    expect(renewed.planId).toBe(premium.id);
    expect(iso(renewed.currentPeriodStart)).toBe('2027-05-01T00:00:00.000Z');
  });
});

describe('downgrade at renewal', () => {
  it('books the change with no money moved now, and applies it when the period ends', async () => {
    const { basic, premium } = await monthlyPlans('story-downgrade');
    const { testClock, customer } = await world.sandboxCustomer('2027-03-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: premium.id });
    await world.advance(testClock.id, '2027-03-10T00:00:00Z');

    const step = await commitChange(
      world.subscriptions,
      subscription.id,
      changePlan,
      { planId: basic.id },
      world.actor,
    );
    expect(step.charges).toEqual([]);
    expect(step.after.planId).toBe(premium.id);
    expect(step.after.pendingPlanId).toBe(basic.id);

    await world.advance(testClock.id, '2027-04-01T00:00:01Z');
    const after = await world.read(subscription.id);
    expect(after.planId).toBe(basic.id);
    expect(after.pendingPlanId).toBeNull();
    const types = (await world.events(subscription.id)).map((event) => event.type);
    expect(types).toContain('subscription.plan_changed');
    // No money moved for the booking: March billed at Premium, April at Basic.
    const billed = await listSubscriptionCharges(world.db, subscription.id);
    expect(billed.map((line) => [line.kind, line.amount, iso(line.periodStart)])).toEqual([
      ['period_charge', 2000n, '2027-03-01T00:00:00.000Z'],
      ['period_charge', 1000n, '2027-04-01T00:00:00.000Z'],
    ]);
  });
});

describe('cancel at period end, then undo', () => {
  it('keeps renewing after the undo; a cancellation left in place ends it, and grace then expires it', async () => {
    const { basic } = await monthlyPlans('story-cancel');
    const { testClock, customer } = await world.sandboxCustomer('2027-05-01T00:00:00Z');
    const kept = await world.subscribe({ customerId: customer.id, planId: basic.id });
    const { testClock: otherClock, customer: other } = await world.sandboxCustomer('2027-05-01T00:00:00Z');
    const lost = await world.subscribe({ customerId: other.id, planId: basic.id });

    for (const id of [kept.id, lost.id]) {
      const step = await commitChange(
        world.subscriptions,
        id,
        cancelSubscription,
        { when: 'period_end' },
        world.actor,
      );
      expect(step.after.state).toBe('active');
      expect(step.after.cancelAtPeriodEnd).toBe(true);
    }
    await world.advance(testClock.id, '2027-05-20T00:00:00Z');
    await commitChange(world.subscriptions, kept.id, undoCancellation, {}, world.actor);
    await world.advance(testClock.id, '2027-06-02T00:00:00Z');
    expect((await world.read(kept.id)).state).toBe('active');

    await world.advance(otherClock.id, '2027-06-02T00:00:00Z');
    const ended = await world.read(lost.id);
    expect(ended.state).toBe('canceled');
    expect(iso(ended.canceledAt)).toBe('2027-06-01T00:00:00.000Z');
    // Inside the 30-day grace window it could come back; after it, it expires by itself.
    await world.advance(otherClock.id, '2027-07-01T00:00:01Z');
    const expired = await world.read(lost.id);
    expect(expired.state).toBe('expired');
    await expect(
      commitChange(world.subscriptions, lost.id, reactivateSubscription, {}, world.actor),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('undo without a booked cancellation is refused and changes nothing', async () => {
    const { basic } = await monthlyPlans('story-undo-nothing');
    const { customer } = await world.sandboxCustomer('2027-05-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    await expect(
      commitChange(world.subscriptions, subscription.id, undoCancellation, {}, world.actor),
    ).rejects.toMatchObject({ code: 'conflict' });
    const after = await world.read(subscription.id);
    expect(after.transitions).toHaveLength(1);
    expect(after.updatedAt).toEqual(subscription.updatedAt);
  });
});

describe('pause and resume', () => {
  it('gives back exactly the time left when it paused, and renews from there', async () => {
    const { basic } = await monthlyPlans('story-pause');
    const { testClock, customer } = await world.sandboxCustomer('2027-06-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    await world.advance(testClock.id, '2027-06-11T00:00:00Z'); // 20 of June's 30 days left
    await commitChange(world.subscriptions, subscription.id, pauseSubscription, {}, world.actor);

    await world.advance(testClock.id, '2027-08-01T00:00:00Z'); // nothing renews while paused
    const paused = await world.read(subscription.id);
    expect(paused.state).toBe('paused');
    expect(iso(paused.currentPeriodEnd)).toBe('2027-07-01T00:00:00.000Z');

    const resumed = await commitChange(
      world.subscriptions,
      subscription.id,
      resumeSubscription,
      {},
      world.actor,
    );
    expect(iso(resumed.after.currentPeriodStart)).toBe('2027-08-01T00:00:00.000Z');
    expect(iso(resumed.after.currentPeriodEnd)).toBe('2027-08-21T00:00:00.000Z');
    await world.advance(testClock.id, '2027-08-22T00:00:00Z');
    const renewed = await world.read(subscription.id);
    expect(iso(renewed.currentPeriodStart)).toBe('2027-08-21T00:00:00.000Z');
    expect(iso(renewed.currentPeriodEnd)).toBe('2027-09-21T00:00:00.000Z');
  });

  it('resumes by itself at the booked time', async () => {
    const { basic } = await monthlyPlans('story-pause-until');
    const { testClock, customer } = await world.sandboxCustomer('2027-06-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    await commitChange(
      world.subscriptions,
      subscription.id,
      pauseSubscription,
      { resumeAt: '2027-06-15T00:00:00Z' },
      world.actor,
    );
    await world.advance(testClock.id, '2027-06-16T00:00:00Z');
    const after = await world.read(subscription.id);
    expect(after.state).toBe('active');
    expect(iso(after.currentPeriodEnd)).toBe('2027-07-15T00:00:00.000Z');
  });

  it('refuses to resume an active subscription, changing nothing', async () => {
    const { basic } = await monthlyPlans('story-resume-active');
    const { customer } = await world.sandboxCustomer('2027-06-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    await expect(
      commitChange(world.subscriptions, subscription.id, resumeSubscription, {}, world.actor),
    ).rejects.toMatchObject({
      code: 'conflict',
      userMessage: 'Cannot resume a subscription that is active.',
    });
    expect((await world.read(subscription.id)).transitions).toHaveLength(1);
  });
});

describe('the "credit gaming" case', () => {
  it('an upgrade in the last hour grants the last hour’s share of credits, not a whole allocation', async () => {
    const product = await world.product('Credits SaaS');
    const starter = await world.plan(product.id, {
      code: 'gaming-starter',
      name: 'Starter',
      intervalUnit: 'month',
      creditsPerPeriod: 1000,
      creditUnit: 'credits',
      prices: usd(1900),
    });
    const pro = await world.plan(product.id, {
      code: 'gaming-pro',
      name: 'Pro',
      intervalUnit: 'month',
      creditsPerPeriod: 10_000,
      creditUnit: 'credits',
      prices: usd(9900),
    });
    const { testClock, customer } = await world.sandboxCustomer('2027-04-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: starter.id });
    await world.advance(testClock.id, '2027-04-30T23:00:00Z'); // one hour of 720 left

    const step = await commitChange(
      world.subscriptions,
      subscription.id,
      changePlan,
      { planId: pro.id },
      world.actor,
    );
    // Pro's last hour: 10,000 × 1/720 = 13.9 → 14 credits, where a whole allocation would have been
    // 10,000. Starter's unspent credits are forfeited, as Starter's plan-change rule says by default.
    expect(step.credits).toMatchObject({ unit: 'credits', grant: 14n, unspent: { kind: 'forfeit' } });
    // And it paid 1/720 of the $80 difference: 11 cents.
    expect(stepTotal(step)).toBe(11n);
    const event = (await world.events(subscription.id)).find(
      (row) => row.type === 'subscription.plan_changed',
    );
    expect(event?.payload.credits).toEqual({ unit: 'credits', grant: '14', unspent: 'forfeit' });
  });
});

describe('any sequence of changes bills exactly what was used', () => {
  it('equals the sum of each plan’s share of the time it was held, to the cent', async () => {
    const product = await world.product('Tiers');
    const prices = [999, 2499, 1333, 5000];
    const plans = await Promise.all(
      prices.map((amount, index) =>
        world.plan(product.id, {
          code: `tier-${index}`,
          name: `Tier ${index}`,
          intervalUnit: 'month',
          upgradeTiming: 'immediately',
          downgradeTiming: 'immediately',
          prices: usd(amount),
        }),
      ),
    );
    const { testClock, customer } = await world.sandboxCustomer(
      '2027-02-01T00:00:00Z',
      'Europe/Berlin',
      'USD',
    );
    const subscription = await world.subscribe({ customerId: customer.id, planId: plans[0]!.id });
    const period = { start: subscription.currentPeriodStart, end: subscription.currentPeriodEnd };
    const changes = ['2027-02-03T07:13:09Z', '2027-02-11T19:00:01Z', '2027-02-19T03:33:33Z'];
    for (const [index, at] of changes.entries()) {
      await world.advance(testClock.id, at);
      await commitChange(
        world.subscriptions,
        subscription.id,
        changePlan,
        { planId: plans[index + 1]!.id },
        world.actor,
      );
    }
    const charged = (await listSubscriptionCharges(world.db, subscription.id)).reduce(
      (sum, line) => sum + line.amount,
      0n,
    );
    const cuts = [period.start, ...changes.map((at) => new Date(at)), period.end];
    const used = prices.reduce(
      (sum, amount, index) =>
        sum +
        prorate({ amount: BigInt(amount), currency: 'USD' }, period, cuts[index]!, cuts[index + 1]!).amount,
      0n,
    );
    // The first period was billed in full when it started; the changes settle the difference.
    expect(charged).toBe(used);
  });
});

describe('grandfathered price after a price change', () => {
  it('keeps the old price at renewal until the operator migrates, then moves at the next renewal', async () => {
    const { basic } = await monthlyPlans('story-grandfather');
    const { testClock, customer } = await world.sandboxCustomer('2027-01-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    const newPrice = await setPlanPrice(
      world.catalog,
      basic.id,
      { currency: 'USD', amount: 1200 },
      world.actor,
    );

    await world.advance(testClock.id, '2027-02-02T00:00:00Z');
    expect((await world.read(subscription.id)).priceId).toBe(subscription.priceId);

    const preview = await previewPriceMigration(world.subscriptions, { planId: basic.id, currency: 'usd' });
    expect(preview.lines.map((line) => [line.subscription.id, line.fromAmount, line.toAmount])).toEqual([
      [subscription.id, 1000n, 1200n],
    ]);
    expect(iso(preview.lines[0]?.effectiveAt)).toBe('2027-03-01T00:00:00.000Z');
    await migratePrices(world.subscriptions, { planId: basic.id, currency: 'USD' }, world.actor);
    expect((await world.read(subscription.id)).priceId).toBe(subscription.priceId); // not mid-period

    await world.advance(testClock.id, '2027-03-02T00:00:00Z');
    const moved = await world.read(subscription.id);
    expect(moved.priceId).toBe(newPrice.id);
    expect(moved.pendingPriceId).toBeNull();
    const again = await previewPriceMigration(world.subscriptions, { planId: basic.id, currency: 'USD' });
    expect(again.lines).toEqual([]);
  });
});

describe('extension and reactivation', () => {
  it('extends by calendar days in the customer’s zone across a DST switch, and later periods follow', async () => {
    const { basic } = await monthlyPlans('story-extend');
    const { testClock, customer } = await world.sandboxCustomer('2027-02-20T00:00:00Z', 'Europe/Berlin');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    // 20 Feb 01:00 Berlin + 1 month = 20 Mar 01:00 CET; + 10 days = 30 Mar 01:00 CEST (23:00 UTC the day before).
    const step = await commitChange(
      world.subscriptions,
      subscription.id,
      extendSubscription,
      { days: 10 },
      world.actor,
    );
    expect(iso(step.before.currentPeriodEnd)).toBe('2027-03-20T00:00:00.000Z');
    expect(iso(step.after.currentPeriodEnd)).toBe('2027-03-29T23:00:00.000Z');
    expect(step.charges).toEqual([]);
    await world.advance(testClock.id, '2027-03-31T00:00:00Z');
    expect(iso((await world.read(subscription.id)).currentPeriodEnd)).toBe('2027-04-29T23:00:00.000Z');
  });

  it('reactivates inside the grace window: the unpaid-for part continues, a credited one starts afresh', async () => {
    const { basic } = await monthlyPlans('story-reactivate');
    const { testClock, customer } = await world.sandboxCustomer('2027-04-01T00:00:00Z');
    const plain = await world.subscribe({ customerId: customer.id, planId: basic.id });
    await world.advance(testClock.id, '2027-04-11T00:00:00Z');
    await commitChange(world.subscriptions, plain.id, cancelSubscription, { when: 'now' }, world.actor);
    const back = await commitChange(world.subscriptions, plain.id, reactivateSubscription, {}, world.actor);
    expect(back.after.state).toBe('active');
    expect(back.charges).toEqual([]);
    expect(iso(back.after.currentPeriodEnd)).toBe('2027-05-01T00:00:00.000Z');

    const credited = await commitChange(
      world.subscriptions,
      plain.id,
      cancelSubscription,
      { when: 'now', prorate: true },
      world.actor,
    );
    expect(credited.charges.map((line) => [line.kind, line.amount])).toEqual([
      ['cancellation_credit', -667n],
    ]);
    const fresh = await commitChange(world.subscriptions, plain.id, reactivateSubscription, {}, world.actor);
    expect(fresh.charges.map((line) => [line.kind, line.amount])).toEqual([['period_charge', 1000n]]);
    expect(iso(fresh.after.currentPeriodStart)).toBe('2027-04-11T00:00:00.000Z');
    expect(iso(fresh.after.currentPeriodEnd)).toBe('2027-05-11T00:00:00.000Z');
  });
});

describe('suspension and trials taken back', () => {
  it('a suspended subscription does not renew; reinstated after its period ran out, it starts afresh', async () => {
    const { basic } = await monthlyPlans('story-suspend');
    const { testClock, customer } = await world.sandboxCustomer('2027-01-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    await applySubscriptionAction(
      world.subscriptions,
      subscription.id,
      { action: 'suspend', reason: 'Unpaid' },
      world.actor,
    );
    await world.advance(testClock.id, '2027-04-10T00:00:00Z');
    const suspended = await world.read(subscription.id);
    expect(suspended.state).toBe('suspended');
    expect(suspended.transitions.some((step) => step.action === 'renewed')).toBe(false);

    const back = await applySubscriptionAction(
      world.subscriptions,
      subscription.id,
      { action: 'reinstate', reason: 'Paid up' },
      world.actor,
    );
    expect(back.state).toBe('active');
    expect(iso(back.currentPeriodStart)).toBe('2027-04-10T00:00:00.000Z');
    expect(iso(back.currentPeriodEnd)).toBe('2027-05-10T00:00:00.000Z');
  });

  it('a trial canceled and taken back before its end is still a trial, and converts on time', async () => {
    const { basic } = await monthlyPlans('story-trial-back', { trialDays: 7 });
    const { testClock, customer } = await world.sandboxCustomer('2027-01-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    await world.advance(testClock.id, '2027-01-03T00:00:00Z');
    await commitChange(
      world.subscriptions,
      subscription.id,
      cancelSubscription,
      { when: 'now' },
      world.actor,
    );
    const back = await commitChange(
      world.subscriptions,
      subscription.id,
      reactivateSubscription,
      {},
      world.actor,
    );
    expect(back.after.state).toBe('trialing');
    expect(back.charges).toEqual([]);
    await world.advance(testClock.id, '2027-01-08T00:00:01Z');
    const converted = await world.read(subscription.id);
    expect(converted.state).toBe('active');
    expect(iso(converted.currentPeriodEnd)).toBe('2027-02-08T00:00:00.000Z');
  });
});

describe('bad input changes nothing', () => {
  it('refuses unknown plans, another product’s plan, quantity 0 and a zero-day extension with field errors', async () => {
    const { basic } = await monthlyPlans('story-bad');
    const { premium: foreign } = await monthlyPlans('story-bad-foreign');
    const { customer } = await world.sandboxCustomer('2027-01-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    const attempts: [unknown, Record<string, unknown>][] = [
      [{ planId: '00000000-0000-4000-8000-000000000000' }, { planId: 'is not a plan' }],
      [{ planId: foreign.id }, { planId: expect.stringContaining('another product') }],
      [{ quantity: 0 }, { quantity: 'must be at least 1' }],
    ];
    for (const [input, fields] of attempts) {
      await expect(
        commitChange(world.subscriptions, subscription.id, changePlan, input, world.actor),
      ).rejects.toMatchObject({ code: 'validation_failed', fields });
    }
    await expect(
      commitChange(world.subscriptions, subscription.id, extendSubscription, { days: 0 }, world.actor),
    ).rejects.toMatchObject({ fields: { days: 'must be at least 1' } });
    const after = await world.read(subscription.id);
    expect(after.transitions).toHaveLength(1);
    expect(after.planId).toBe(basic.id);
    expect(after.currentPeriodEnd).toEqual(subscription.currentPeriodEnd);
    expect((await world.events(subscription.id)).map((event) => event.type)).toEqual([
      'subscription.created',
    ]);
  });
});
