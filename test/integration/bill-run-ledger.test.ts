import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCustomerBalance, customerBalances } from '../../src/modules/balances/index.js';
import { invoiceDueWork, listInvoices } from '../../src/modules/invoicing/index.js';
import { balanceOf, trialBalance, verifyLedger } from '../../src/modules/ledger/index.js';
import { startLifecycleWorld, type LifecycleWorld } from '../support/lifecycle-world.js';

/** The bill run's books: one entry per batch and currency, balances applied set-based, posted once. */

let world: LifecycleWorld;
beforeAll(async () => {
  world = await startLifecycleWorld();
});
afterAll(async () => world.close());

async function entries(kind: string) {
  const result = await world.db.execute<{ description: string; lines: string }>(sql`
    select e.description, count(l.id)::text as lines
    from ledger_entries e join ledger_lines l on l.entry_id = e.id
    where e.kind = ${kind} group by e.id order by e.occurred_at, e.id`);
  return result.rows;
}

describe('the bill run in the ledger', () => {
  it('posts one entry per batch, takes balances set-based, and posts nothing twice', async () => {
    const product = await world.product('Hosting');
    const plan = await world.plan(product.id, {
      code: 'hosting-monthly',
      name: 'Monthly',
      intervalUnit: 'month',
      prices: [{ currency: 'USD', amount: 1000 }],
    });
    const { testClock, customer: rich } = await world.sandboxCustomer('2027-06-01T00:00:00Z');
    const others = [
      await world.customerOn(testClock.id, 'two@example.com'),
      await world.customerOn(testClock.id, 'three@example.com'),
    ];
    await creditCustomerBalance(world.db, world.clock, {
      customerId: rich.id,
      currency: 'USD',
      amount: 1500n,
      kind: 'payment.top_up',
      description: 'Top-up',
      sourceRef: 'test:top-up',
    });
    for (const customer of [rich, ...others])
      await world.subscribe({ customerId: customer.id, planId: plan.id });
    await world.advance(testClock.id, '2027-07-01T00:00:01Z');

    // Two bill-run batches (June and July), each one entry of three invoices: receivables against revenue.
    const finalized = await entries('invoices.finalized');
    expect(finalized.map((entry) => entry.lines)).toEqual(['2', '2']);
    expect(finalized[0]!.description).toMatch(/^Bill run: INV-2027-\d+, INV-2027-\d+, INV-2027-\d+$/);
    expect(await balanceOf(world.db, 'operator:revenue:USD')).toBe(6000n);
    // The balance paid June in full (10.00) and July in part (5.00), one entry per batch.
    expect((await entries('invoices.balance_applied')).map((entry) => entry.lines)).toEqual(['2', '2']);
    expect(await customerBalances(world.db, rich.id)).toEqual([{ currency: 'USD', balance: 0n }]);
    const invoices = (await listInvoices(world.db, { customerId: rich.id, page: 1, pageSize: 10 })).rows;
    expect(
      invoices
        .map((invoice) => [invoice.status, invoice.amountFromBalance, invoice.amountDue])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['open', 500n, 500n],
      ['paid', 1000n, 0n],
    ]);
    // Owed: 5.00 by the rich customer, 20.00 by each of the others.
    expect(await balanceOf(world.db, 'operator:receivables:USD')).toBe(-4500n);

    // Nothing is due any more: a run over the same moment bills and posts nothing.
    const before = (await entries('invoices.finalized')).length;
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
    expect(await work.runDue({ testClockId: testClock.id }, new Date('2027-07-01T00:00:01Z'))).toBe(0);
    expect(await entries('invoices.finalized')).toHaveLength(before);
    expect((await verifyLedger(world.db)).differences).toEqual([]);
    for (const unit of await trialBalance(world.db)) expect(unit.total).toBe(0n);
  });
});
