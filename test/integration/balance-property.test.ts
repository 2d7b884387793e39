import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/app-error.js';
import { toDecimalString } from '../../src/lib/money.js';
import {
  adjustBalance,
  customerBalances,
  refundBalance,
  type BalancesContext,
} from '../../src/modules/balances/index.js';
import { createCustomer, type Customer } from '../../src/modules/customers/index.js';
import {
  applyInvoiceAction,
  createCreditNote,
  createInvoice,
  creditableAmount,
  finalizeInvoice,
  getInvoice,
  listInvoices,
  type InvoicingContext,
} from '../../src/modules/invoicing/index.js';
import { balanceOf, trialBalance, verifyLedger } from '../../src/modules/ledger/index.js';
import { createTaxRate } from '../../src/modules/taxes/index.js';
import { startLifecycleWorld, type LifecycleWorld } from '../support/lifecycle-world.js';

/**
 * Random sequences of finalize, pay, void, write off, credit, adjust and refund over a few customers
 * (one of them taxed): every entry sums to zero, every cached balance equals its lines, nothing that
 * may not go negative is, each balance is what the steps put in and took out, and receivables are
 * exactly what open invoices still owe.
 */

let world: LifecycleWorld;
let invoicing: InvoicingContext;
let customers: Customer[] = [];
let balances: BalancesContext;

type Step =
  | { kind: 'finalize'; customer: number; amount: number }
  | { kind: 'mark_paid' | 'void' | 'mark_uncollectible'; customer: number; pick: number }
  | { kind: 'credit'; customer: number; pick: number; percent: number; toBalance: boolean }
  | { kind: 'credit_balance' | 'debit_balance' | 'refund_balance'; customer: number; amount: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('finalize' as const),
    customer: fc.nat(2),
    amount: fc.integer({ min: 1, max: 20_000 }),
  }),
  fc.record({
    kind: fc.constantFrom('mark_paid' as const, 'void' as const, 'mark_uncollectible' as const),
    customer: fc.nat(2),
    pick: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('credit' as const),
    customer: fc.nat(2),
    pick: fc.nat(),
    percent: fc.integer({ min: 1, max: 100 }),
    toBalance: fc.boolean(),
  }),
  fc.record({
    kind: fc.constantFrom('credit_balance' as const, 'debit_balance' as const, 'refund_balance' as const),
    customer: fc.nat(2),
    amount: fc.integer({ min: 1, max: 10_000 }),
  }),
);

beforeAll(async () => {
  world = await startLifecycleWorld();
  balances = { db: world.db, clock: world.clock };
  invoicing = {
    db: world.db,
    clock: world.clock,
    invoiceNumberFormat: 'INV-{YYYY}-{000000}',
    creditNoteNumberFormat: 'CN-{YYYY}-{000000}',
    applyBalanceToInvoices: true,
  };
  await createTaxRate(
    { db: world.db, clock: world.clock },
    { name: 'VAT', country: 'DE', percent: '19' },
    world.actor,
  );
  const make = (email: string, currency: string, country: string) =>
    createCustomer(world.customers, { email, name: email, currency, country }, world.actor);
  customers = [
    await make('us1@example.com', 'USD', 'US'),
    await make('us2@example.com', 'USD', 'US'),
    await make('de@example.com', 'EUR', 'DE'),
  ];
});
afterAll(async () => world.close());

/** Staff refusals (a debit beyond the balance, a refund of more than was paid) are part of the game. */
async function refusedOr<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code !== 'internal') return null;
    throw error;
  }
}

describe('money in the ledger, property-based', () => {
  it('keeps the books whole and every balance what the steps made it', async () => {
    const model = new Map<string, bigint>(); // customer id → balance in the customer's currency
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 15 }), async (steps) => {
        for (const s of steps) {
          const customer = customers[s.customer]!;
          const { currency } = customer;
          const held = model.get(customer.id) ?? 0n;
          const decimal = (amount: number) => toDecimalString({ amount: BigInt(amount), currency });
          const invoices = (await listInvoices(world.db, { customerId: customer.id, page: 1, pageSize: 500 }))
            .rows;
          const pick = (pickAt: number) => invoices[pickAt % Math.max(1, invoices.length)];
          switch (s.kind) {
            case 'finalize': {
              const draft = await createInvoice(
                invoicing,
                {
                  customerId: customer.id,
                  lines: [{ description: 'Thing', quantity: 1, unitAmount: s.amount }],
                },
                world.actor,
              );
              const invoice = await finalizeInvoice(invoicing, draft.id, world.actor);
              expect(invoice.amountFromBalance).toBe(held < invoice.total ? held : invoice.total);
              model.set(customer.id, held - invoice.amountFromBalance);
              break;
            }
            case 'mark_paid':
            case 'void':
            case 'mark_uncollectible': {
              const invoice = pick(s.pick);
              if (invoice)
                await refusedOr(
                  applyInvoiceAction(
                    invoicing,
                    invoice.id,
                    { action: s.kind, reason: 'property' },
                    world.actor,
                  ),
                );
              break;
            }
            case 'credit': {
              const found = pick(s.pick);
              if (!found) break;
              const invoice = await getInvoice(world.db, found.id);
              const amount = (creditableAmount(invoice) * BigInt(s.percent)) / 100n;
              if (amount <= 0n) break;
              const note = await refusedOr(
                createCreditNote(
                  invoicing,
                  invoice.id,
                  { amount, reason: 'other', outcome: s.toBalance ? 'customer_balance' : 'refund' },
                  world.actor,
                ),
              );
              const afterPayment = amount - (amount < invoice.amountDue ? amount : invoice.amountDue);
              if (note && s.toBalance) model.set(customer.id, held + afterPayment);
              break;
            }
            case 'credit_balance':
            case 'debit_balance': {
              const direction = s.kind === 'credit_balance' ? 'credit' : 'debit';
              const input = { currency, amount: decimal(s.amount), direction, reason: 'property' } as const;
              const done = await refusedOr(adjustBalance(balances, customer.id, input, world.actor));
              const delta = direction === 'credit' ? BigInt(s.amount) : -BigInt(s.amount);
              expect(done !== null).toBe(held + delta >= 0n);
              if (done) model.set(customer.id, held + delta);
              break;
            }
            case 'refund_balance': {
              const input = { currency, amount: decimal(s.amount), reason: 'property' };
              const done = await refusedOr(refundBalance(balances, customer.id, input, world.actor));
              expect(done !== null).toBe(held >= BigInt(s.amount));
              if (done) model.set(customer.id, held - BigInt(s.amount));
              break;
            }
          }
        }
        expect((await verifyLedger(world.db)).differences).toEqual([]);
        for (const unit of await trialBalance(world.db)) expect(unit.total, unit.unit).toBe(0n);
        for (const customer of customers) {
          const balance = (await customerBalances(world.db, customer.id)).find(
            (row) => row.currency === customer.currency,
          );
          expect(balance?.balance ?? 0n).toBe(model.get(customer.id) ?? 0n);
        }
        for (const currency of ['USD', 'EUR']) {
          const owed = (await listInvoices(world.db, { status: 'open', page: 1, pageSize: 10_000 })).rows
            .filter((invoice) => invoice.currency === currency)
            .reduce((sum, invoice) => sum + invoice.amountDue, 0n);
          expect(await balanceOf(world.db, `operator:receivables:${currency}`), currency).toBe(-owed);
        }
      }),
      { numRuns: 25 },
    );
  });
});
