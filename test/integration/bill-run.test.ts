import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInvoices, getInvoice, type Invoice } from '../../src/modules/invoicing/index.js';
import { changePlan, commitChange } from '../../src/modules/subscriptions/index.js';
import { invoiceDueWork } from '../../src/modules/invoicing/index.js';
import { createTaxRate } from '../../src/modules/taxes/index.js';
import { createCoupon, redeemCoupon } from '../../src/modules/discounts/index.js';
import { startLifecycleWorld, type LifecycleWorld } from '../support/lifecycle-world.js';

let world: LifecycleWorld;
beforeAll(async () => {
  world = await startLifecycleWorld();
});
afterAll(async () => {
  await world.close();
});

async function invoicesOf(subscriptionId: string): Promise<Invoice[]> {
  const page = await listInvoices(world.db, { subscriptionId, page: 1, pageSize: 100 });
  return [...page.rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

async function monthly(code: string, setupFee = 0) {
  const product = await world.product(`${code} product`);
  const basic = await world.plan(product.id, {
    code: `${code}-basic`,
    name: 'Basic',
    intervalUnit: 'month',
    prices: [{ currency: 'USD', amount: 1000, setupFee }],
  });
  const premium = await world.plan(product.id, {
    code: `${code}-premium`,
    name: 'Premium',
    intervalUnit: 'month',
    prices: [{ currency: 'USD', amount: 2000 }],
  });
  return { basic, premium };
}

describe('taxes on invoices', () => {
  it('adds exclusive tax as a line, reports inclusive tax inside the total, and notes a reverse charge', async () => {
    const taxes = { db: world.db, clock: world.clock };
    await createTaxRate(taxes, { name: 'MwSt', country: 'DE', percent: '19' }, world.actor);
    await createTaxRate(taxes, { name: 'USt', country: 'AT', percent: '20', inclusive: true }, world.actor);
    const product = await world.product('Taxed product');
    const plan = await world.plan(product.id, {
      code: 'taxed-monthly',
      name: 'Monthly',
      intervalUnit: 'month',
      prices: [{ currency: 'EUR', amount: 1200 }],
    });
    const invoiceFor = async (details: { country: string; taxExempt?: boolean; taxId?: string }) => {
      const { testClock, customer } = await world.sandboxCustomer(
        '2027-05-01T00:00:00Z',
        'UTC',
        'EUR',
        details,
      );
      const subscription = await world.subscribe({ customerId: customer.id, planId: plan.id });
      await world.advance(testClock.id, '2027-05-01T00:00:01Z');
      const [invoice] = await invoicesOf(subscription.id);
      return getInvoice(world.db, invoice!.id);
    };

    // Germany, 19 % on top: 12.00 + 2.28 = 14.28.
    const germany = await invoiceFor({ country: 'DE' });
    expect(germany.lines.map((line) => [line.kind, line.description, line.amount])).toEqual([
      ['subscription_period', 'Monthly', 1200n],
      ['tax', 'MwSt 19 %', 228n],
    ]);
    expect([germany.subtotal, germany.taxTotal, germany.total]).toEqual([1200n, 228n, 1428n]);

    // Austria, 20 % inside the price: 12.00 = 10.00 net + 2.00 tax.
    const austria = await invoiceFor({ country: 'AT' });
    expect(austria.lines.map((line) => line.kind)).toEqual(['subscription_period']);
    expect([austria.subtotal, austria.taxTotal, austria.total]).toEqual([1200n, 200n, 1200n]);

    // A business abroad with a tax id: no tax, and the invoice says why.
    const business = await invoiceFor({ country: 'DE', taxExempt: true, taxId: 'DE123456789' });
    expect([business.taxTotal, business.total]).toEqual([0n, 1200n]);
    expect(business.memo).toBe(
      'Reverse charge: VAT to be accounted for by the recipient (tax id DE123456789)',
    );
  });
});

describe('the bill run on a test clock', () => {
  it('invoices every period once: a year of renewals gives 13 finalized, numbered invoices', async () => {
    const { basic } = await monthly('bill-year', 500);
    const { testClock, customer } = await world.sandboxCustomer('2027-01-15T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    await world.advance(testClock.id, '2028-01-16T00:00:00Z');

    const invoices = await invoicesOf(subscription.id);
    expect(invoices).toHaveLength(13);
    expect(invoices.every((invoice) => invoice.status === 'open' && invoice.number !== null)).toBe(true);
    expect(invoices.map((invoice) => invoice.periodStart?.toISOString().slice(0, 10))).toEqual([
      '2027-01-15',
      '2027-02-15',
      '2027-03-15',
      '2027-04-15',
      '2027-05-15',
      '2027-06-15',
      '2027-07-15',
      '2027-08-15',
      '2027-09-15',
      '2027-10-15',
      '2027-11-15',
      '2027-12-15',
      '2028-01-15',
    ]);
    // The first carries the setup fee; each is dated when its period began.
    expect(invoices.map((invoice) => invoice.total)).toEqual([1500n, ...Array(12).fill(1000n)]);
    expect(invoices[0]?.billingReason).toBe('subscription_create');
    expect(invoices[1]?.createdAt.toISOString()).toBe('2027-02-15T00:00:00.000Z');
    const first = await getInvoice(world.db, invoices[0]!.id);
    expect(first.lines.map((line) => [line.kind, line.description, line.amount])).toEqual([
      ['subscription_period', 'Basic', 1000n],
      ['setup_fee', 'Basic setup', 500n],
    ]);
    // Numbers run on without gaps across the year boundary of the series' counter.
    const numbers = invoices.map((invoice) => invoice.number);
    expect(new Set(numbers).size).toBe(13);
  });

  it('a 20 % coupon for three months takes 20 % off the first three invoices of a year, then stops', async () => {
    const { basic } = await monthly('bill-coupon');
    const { testClock, customer } = await world.sandboxCustomer('2027-02-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    const ctx = { db: world.db, clock: world.clock };
    const coupon = await createCoupon(
      ctx,
      { name: 'Welcome 20 %', percentOff: '20', duration: 'repeating', durationPeriods: 3 },
      world.actor,
    );
    await world.db.transaction((tx) =>
      redeemCoupon(
        tx,
        {
          customerId: customer.id,
          subscriptionId: subscription.id,
          planId: basic.id,
          currency: 'USD',
          couponId: coupon.id,
        },
        new Date('2027-02-01T00:00:00Z'),
        { customerHasPaidBefore: false, actor: world.actor },
      ),
    );
    await world.advance(testClock.id, '2028-01-01T12:00:00Z');

    const invoices = await invoicesOf(subscription.id);
    expect(invoices.map((invoice) => [invoice.discountTotal, invoice.total])).toEqual([
      [200n, 800n],
      [200n, 800n],
      [200n, 800n],
      ...Array.from({ length: 9 }, () => [0n, 1000n]),
    ]);
    const first = await getInvoice(world.db, invoices[0]!.id);
    expect(first.lines.map((line) => [line.kind, line.description, line.amount])).toEqual([
      ['subscription_period', 'Basic', 1000n],
      ['discount', 'Welcome 20 %', -200n],
    ]);
  });

  it('puts an upgrade’s proration on the next invoice, with the exact amounts', async () => {
    const { basic, premium } = await monthly('bill-upgrade');
    const { testClock, customer } = await world.sandboxCustomer('2027-04-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    await world.advance(testClock.id, '2027-04-16T00:00:00Z');
    await commitChange(world.subscriptions, subscription.id, changePlan, { planId: premium.id }, world.actor);
    await world.advance(testClock.id, '2027-05-01T00:00:01Z');

    const [april, may] = await invoicesOf(subscription.id);
    expect(april?.total).toBe(1000n);
    const lines = (await getInvoice(world.db, may!.id)).lines;
    expect(lines.map((line) => [line.kind, line.description, line.amount])).toEqual([
      ['proration', 'Unused time on Basic × 1', -500n],
      ['proration', 'Remaining time on Premium × 1', 1000n],
      ['subscription_period', 'Premium', 2000n],
    ]);
    expect(may?.total).toBe(2500n);
    expect(may?.amountDue).toBe(2500n);
  });

  it('running the bill run again, even over the same moment, never bills a period twice', async () => {
    const { basic } = await monthly('bill-again');
    const { testClock, customer } = await world.sandboxCustomer('2027-06-01T00:00:00Z');
    const subscription = await world.subscribe({ customerId: customer.id, planId: basic.id });
    await world.advance(testClock.id, '2027-07-02T00:00:00Z');
    const work = invoiceDueWork(
      {
        db: world.db,
        clock: world.clock,
        invoiceNumberFormat: 'INV-{YYYY}-{000000}',
        creditNoteNumberFormat: 'CN-{YYYY}-{000000}',
        applyBalanceToInvoices: true,
      },
      2000,
    );
    const scope = { testClockId: testClock.id };
    const again = await Promise.all([
      work.runDue(scope, new Date('2027-07-02T00:00:00Z')),
      work.runDue(scope, new Date('2027-07-02T00:00:00Z')),
    ]);
    expect(again).toEqual([0, 0]);
    expect(await invoicesOf(subscription.id)).toHaveLength(2);
  });
});
