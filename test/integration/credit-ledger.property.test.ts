import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/app-error.js';
import { FixedClock } from '../../src/lib/clock.js';
import { openDatabase, type Database } from '../../src/lib/db/database.js';
import { runMigrations } from '../../src/lib/db/migrate.js';
import { createLogger } from '../../src/lib/logger.js';
import { cliActor } from '../../src/modules/audit/index.js';
import {
  adjustCredits,
  applyPeriodCredits,
  consumeCredits,
  creditBalances,
  creditExpiryDueWork,
  grantCredits,
  revokeGrant,
} from '../../src/modules/credits/index.js';
import { createCustomer } from '../../src/modules/customers/index.js';
import { trialBalance, verifyLedger } from '../../src/modules/ledger/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/**
 * Random sequences of allocations, packs, consumptions, expiries, adjustments and refunds against a
 * plain model of credit lots: after every step the books balance, no account is below zero, and
 * what the customer can spend is what the model says.
 */

let testDatabase: TestDatabase;
let database: Database;
const clock = new FixedClock('2027-01-01T00:00:00Z');
const hourMs = 3_600_000;

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = openDatabase(testDatabase.url, createLogger('silent'));
  await runMigrations(database.pool);
});
afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

interface Lot {
  ref: string;
  tier: 0 | 1;
  grantedAt: number;
  expiresAt: number | null;
  left: bigint;
}

type Step =
  | { kind: 'allocate'; amount: number; hours: number; cap: number }
  | { kind: 'pack'; amount: number; hours: number | null }
  | { kind: 'consume'; amount: number }
  | { kind: 'deduct'; amount: number }
  | { kind: 'advance'; hours: number }
  | { kind: 'refund'; pack: number; amount: number | null };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('allocate' as const),
    amount: fc.integer({ min: 1, max: 1000 }),
    hours: fc.integer({ min: 1, max: 48 }),
    cap: fc.integer({ min: 0, max: 600 }),
  }),
  fc.record({
    kind: fc.constant('pack' as const),
    amount: fc.integer({ min: 1, max: 800 }),
    hours: fc.option(fc.integer({ min: 1, max: 72 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('consume' as const), amount: fc.integer({ min: 1, max: 1200 }) }),
  fc.record({ kind: fc.constant('deduct' as const), amount: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 60 }) }),
  fc.record({
    kind: fc.constant('refund' as const),
    pack: fc.nat(),
    amount: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
  }),
);

/** The model: lots spent by tier then age; expired ones are worth nothing. */
class Model {
  lots: Lot[] = [];
  spendable(now: number) {
    return this.lots
      .filter((lot) => lot.left > 0n && (lot.expiresAt === null || lot.expiresAt > now))
      .sort((a, b) => a.tier - b.tier || a.grantedAt - b.grantedAt);
  }
  total(now: number, tier?: 0 | 1) {
    return this.spendable(now)
      .filter((lot) => tier === undefined || lot.tier === tier)
      .reduce((sum, lot) => sum + lot.left, 0n);
  }
  spend(now: number, amount: bigint): boolean {
    if (this.total(now) < amount) return false;
    let wanted = amount;
    for (const lot of this.spendable(now)) {
      const take = lot.left < wanted ? lot.left : wanted;
      lot.left -= take;
      wanted -= take;
    }
    return true;
  }
}

async function refused(work: Promise<unknown>): Promise<string | null> {
  try {
    await work;
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

async function play(steps: Step[]) {
  const customer = await createCustomer(
    { db: database.db, clock },
    { email: `${randomUUID()}@example.com`, name: 'Property', currency: 'USD' },
    cliActor,
  );
  const ctx = { db: database.db, clock };
  const subscriptionId = randomUUID();
  const model = new Model();
  const packs: string[] = [];
  const expiry = creditExpiryDueWork(ctx);

  for (const step of steps) {
    // Every step happens a minute after the last, so grants never tie on age.
    clock.advance(60_000);
    const now = clock.now();
    const at = now.getTime();
    switch (step.kind) {
      case 'allocate': {
        const expiresAt = new Date(at + step.hours * hourMs);
        await database.db.transaction((tx) =>
          applyPeriodCredits(tx, clock, [
            {
              customerId: customer.id,
              testClockId: null,
              subscriptionId,
              at: now,
              unit: 'credits',
              grant: BigInt(step.amount),
              expiresAt,
              unspent: { kind: 'rollover', cap: BigInt(step.cap) },
            },
          ]),
        );
        const period = model.lots.filter((lot) => lot.tier === 0 && lot.left > 0n);
        const unspent = period.reduce((sum, lot) => sum + lot.left, 0n);
        for (const lot of period) lot.left = 0n;
        const carried = unspent < BigInt(step.cap) ? unspent : BigInt(step.cap);
        const expires = expiresAt.getTime();
        if (carried > 0n)
          model.lots.push({ ref: 'rollover', tier: 0, grantedAt: at, expiresAt: expires, left: carried });
        model.lots.push({
          ref: 'period',
          tier: 0,
          grantedAt: at,
          expiresAt: expires,
          left: BigInt(step.amount),
        });
        break;
      }
      case 'pack': {
        const ref = `pack:${randomUUID()}`;
        const expiresAt = step.hours === null ? null : at + step.hours * hourMs;
        await database.db.transaction((tx) =>
          grantCredits(tx, clock, {
            customerId: customer.id,
            testClockId: null,
            unit: 'credits',
            amount: BigInt(step.amount),
            source: 'pack',
            description: 'Pack',
            expiresAt: expiresAt === null ? null : new Date(expiresAt),
            sourceRef: ref,
            at: now,
          }),
        );
        packs.push(ref);
        model.lots.push({ ref, tier: 1, grantedAt: at, expiresAt, left: BigInt(step.amount) });
        break;
      }
      case 'consume':
      case 'deduct': {
        const amount = BigInt(step.amount);
        const expected = model.spend(at, amount) ? null : 'insufficient_credits';
        const work =
          step.kind === 'consume'
            ? consumeCredits(ctx, customer.id, { amount: step.amount, unit: 'credits', description: 'Use' })
            : adjustCredits(
                ctx,
                customer.id,
                { direction: 'deduct', amount: step.amount, unit: 'credits', reason: 'Correction' },
                cliActor,
              );
        expect(await refused(work)).toBe(expected);
        break;
      }
      case 'advance':
        clock.advance(step.hours * hourMs);
        await expiry.runDue({ testClockId: null }, clock.now());
        for (const lot of model.lots)
          if (lot.expiresAt !== null && lot.expiresAt <= clock.now().getTime()) lot.left = 0n;
        break;
      case 'refund': {
        const ref = packs[step.pack % Math.max(packs.length, 1)];
        if (!ref) break;
        const lot = model.lots.find((candidate) => candidate.ref === ref)!;
        const { revoked } = await database.db.transaction((tx) =>
          revokeGrant(tx, clock, {
            sourceRef: ref,
            description: 'Refunded',
            at: now,
            ...(step.amount === null ? {} : { amount: BigInt(step.amount), revocationRef: randomUUID() }),
          }),
        );
        const wanted = step.amount === null ? lot.left : BigInt(step.amount);
        const spendableLeft = lot.expiresAt === null || lot.expiresAt > at ? lot.left : 0n;
        expect(revoked).toBe(wanted < spendableLeft ? wanted : spendableLeft);
        lot.left -= revoked;
        break;
      }
    }

    const nowMs = clock.now().getTime();
    const [actual] = await creditBalances(database.db, customer.id, clock.now());
    expect({
      balance: actual?.balance ?? 0n,
      subscription: actual?.subscription ?? 0n,
      other: actual?.other ?? 0n,
    }).toEqual({
      balance: model.total(nowMs),
      subscription: model.total(nowMs, 0),
      other: model.total(nowMs, 1),
    });
  }
  const { differences } = await verifyLedger(database.db);
  expect(differences).toEqual([]);
  for (const unit of await trialBalance(database.db)) expect(unit.total).toBe(0n);
  return customer.id;
}

describe('credits against a model', () => {
  it('QuickScale: 1,000 subscription + 500 pack credits, consume 1,200 → 300 pack credits left', async () => {
    const customerId = await play([
      { kind: 'allocate', amount: 1000, hours: 720, cap: 0 },
      { kind: 'pack', amount: 500, hours: null },
      { kind: 'consume', amount: 1200 },
    ]);
    const [credits] = await creditBalances(database.db, customerId, clock.now());
    expect(credits).toMatchObject({ balance: 300n, subscription: 0n, other: 300n });
    expect(credits?.grants.map((item) => [item.grant.source, item.left])).toEqual([['pack', 300n]]);
  });

  it('keeps the books whole, never below zero, and equal to the model for any sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 14 }), async (steps) => {
        await play(steps);
      }),
      {
        numRuns: 40,
      },
    );
  });
});
