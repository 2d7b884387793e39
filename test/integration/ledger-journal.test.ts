import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/app-error.js';
import { FixedClock } from '../../src/lib/clock.js';
import { openDatabase, type Database } from '../../src/lib/db/database.js';
import { runMigrations } from '../../src/lib/db/migrate.js';
import { createLogger } from '../../src/lib/logger.js';
import {
  accountHistory,
  balanceOf,
  customerAccountKey,
  openAccount,
  operatorAccountKey,
  postEntry,
  trialBalance,
  verifyLedger,
  type EntryLineInput,
} from '../../src/modules/ledger/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let testDatabase: TestDatabase;
let database: Database;
const clock = new FixedClock('2027-01-01T00:00:00Z');

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = openDatabase(testDatabase.url, createLogger('silent'), 30);
  await runMigrations(database.pool);
});

afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

/** Everything in the books, to show a refused entry changed nothing. */
async function snapshot() {
  const { rows } = await database.pool.query<{ state: string }>(`
    select json_build_object(
      'accounts', (select coalesce(json_agg(json_build_array(key, balance::text) order by key), '[]') from ledger_accounts),
      'entries', (select count(*) from ledger_entries),
      'lines', (select count(*) from ledger_lines))::text as state`);
  return rows[0]?.state;
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const units = ['USD', 'credits'] as const;
type Unit = (typeof units)[number];
const purposeOf = (unit: Unit) => (unit === 'USD' ? 'balance' : 'credits');

type Step =
  | { kind: 'top_up' | 'consumption' | 'refund'; customer: number; unit: Unit; amount: bigint }
  | { kind: 'adjustment'; customer: number; unit: Unit; amount: bigint }
  | { kind: 'unbalanced'; customer: number; unit: Unit; amount: bigint }
  | { kind: 'wrong_unit'; customer: number; unit: Unit; amount: bigint };

const step: fc.Arbitrary<Step> = fc
  .record({
    kind: fc.constantFrom('top_up', 'consumption', 'refund', 'adjustment', 'unbalanced', 'wrong_unit'),
    customer: fc.integer({ min: 0, max: 2 }),
    unit: fc.constantFrom(...units),
    amount: fc.bigInt({ min: 1n, max: 5_000n }),
    negative: fc.boolean(),
  })
  .map(({ negative, ...rest }) =>
    rest.kind === 'adjustment' && negative ? { ...rest, amount: -rest.amount } : rest,
  );

/** The lines a step posts: the customer's side first, the operator's opposite. */
function linesOf(customerKey: string, step: Step): EntryLineInput[] {
  const { unit, amount } = step;
  const counter: Record<Step['kind'], string> = {
    top_up: operatorAccountKey(unit === 'USD' ? 'receivables' : 'promotional_credit', unit),
    consumption: operatorAccountKey('revenue', unit),
    refund: operatorAccountKey('receivables', unit),
    adjustment: operatorAccountKey('adjustments', unit),
    unbalanced: operatorAccountKey('revenue', unit),
    wrong_unit: operatorAccountKey('revenue', unit),
  };
  const customerDelta = step.kind === 'top_up' || step.kind === 'adjustment' ? amount : -amount;
  if (step.kind === 'unbalanced')
    return [
      { accountKey: customerKey, amount: amount, unit },
      { accountKey: counter.unbalanced, amount: -amount - 1n, unit },
    ];
  if (step.kind === 'wrong_unit')
    return [
      { accountKey: customerKey, amount, unit: unit === 'USD' ? 'credits' : 'USD' },
      { accountKey: counter.wrong_unit, amount: -amount, unit },
    ];
  return [
    { accountKey: customerKey, amount: customerDelta, unit },
    { accountKey: counter[step.kind], amount: -customerDelta, unit },
  ];
}

describe('the journal', () => {
  it('keeps every entry balanced, every cache equal to its lines and no customer below zero', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const customers = [randomUUID(), randomUUID(), randomUUID()];
        const model = new Map<string, bigint>();
        for (const s of steps) {
          const key = customerAccountKey(customers[s.customer]!, purposeOf(s.unit), s.unit);
          const lines = linesOf(key, s);
          const held = model.get(key) ?? 0n;
          const delta = lines[0]!.amount;
          const shouldRefuse = s.kind === 'unbalanced' || s.kind === 'wrong_unit' || held + delta < 0n;
          if (shouldRefuse) {
            const before = await snapshot();
            const error = await refusal(
              database.db.transaction((tx) =>
                postEntry(tx, clock, { kind: s.kind, description: 'property', lines }),
              ),
            );
            expect(error.code).toBe(
              s.kind === 'unbalanced' || s.kind === 'wrong_unit'
                ? 'validation_failed'
                : 'insufficient_balance',
            );
            expect(await snapshot()).toBe(before);
          } else {
            const posted = await database.db.transaction((tx) =>
              postEntry(tx, clock, { kind: s.kind, description: 'property', lines }),
            );
            model.set(key, held + delta);
            expect(posted.balances[key]).toBe(held + delta);
          }
        }
        for (const [key, balance] of model) expect(await balanceOf(database.db, key)).toBe(balance);
        const verification = await verifyLedger(database.db);
        expect(verification.differences).toEqual([]);
        const { rows } = await database.pool.query(
          'select key from ledger_accounts where not allow_negative and balance < 0',
        );
        expect(rows).toEqual([]);
        for (const unit of await trialBalance(database.db)) expect(unit.total).toBe(0n);
      }),
      { numRuns: 25 },
    );
  });

  it('refuses entries with no lines, bad keys or a unit other than the account’s, naming the field', async () => {
    const key = customerAccountKey(randomUUID(), 'credits', 'credits');
    const none = await refusal(postEntry(database.db, clock, { kind: 'x', description: '', lines: [] }));
    expect(none.fields).toHaveProperty('lines');
    const badKey = await refusal(
      postEntry(database.db, clock, {
        kind: 'x',
        description: '',
        lines: [
          { accountKey: 'nobody:credits', amount: 1n, unit: 'credits' },
          { accountKey: key, amount: -1n, unit: 'credits' },
        ],
      }),
    );
    expect(Object.keys(badKey.fields ?? {})).toEqual(['lines.0.accountKey']);
    const wrongUnit = await refusal(
      postEntry(database.db, clock, {
        kind: 'x',
        description: '',
        lines: [
          { accountKey: key, amount: 1n, unit: 'USD' },
          { accountKey: operatorAccountKey('revenue', 'USD'), amount: -1n, unit: 'USD' },
        ],
      }),
    );
    expect(wrongUnit.fields?.['lines.0.unit']).toContain('credits');
  });

  it('lets a customer account opened with an overdraft go negative, and answers a source reference once', async () => {
    const key = customerAccountKey(randomUUID(), 'balance', 'EUR');
    await openAccount(database.db, clock, { key, allowNegative: true });
    const lines = [
      { accountKey: key, amount: -500n, unit: 'EUR' },
      { accountKey: operatorAccountKey('revenue', 'EUR'), amount: 500n, unit: 'EUR' },
    ];
    const first = await postEntry(database.db, clock, {
      kind: 'consumption',
      description: 'd',
      lines,
      sourceRef: 'inv:1',
    });
    const again = await postEntry(database.db, clock, {
      kind: 'consumption',
      description: 'd',
      lines,
      sourceRef: 'inv:1',
    });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ id: first.id, created: false });
    expect(await balanceOf(database.db, key)).toBe(-500n);
  });

  it('posts an entry once when the same source reference arrives ten times at once', async () => {
    const key = customerAccountKey(randomUUID(), 'credits', 'credits');
    const grant = () =>
      postEntry(database.db, clock, {
        kind: 'top_up',
        description: 'pack bought',
        lines: [
          { accountKey: key, amount: 50n, unit: 'credits' },
          { accountKey: operatorAccountKey('promotional_credit', 'credits'), amount: -50n, unit: 'credits' },
        ],
        sourceRef: `pack:${key}`,
      });
    // The accounts exist already, so all ten get past the "posted before?" check at once and queue
    // on the account locks: the first writes, the others meet its source reference on insert.
    await openAccount(database.db, clock, { key, allowNegative: false });
    await openAccount(database.db, clock, {
      key: operatorAccountKey('promotional_credit', 'credits'),
      allowNegative: true,
    });
    // Ten open connections first, so the ten calls overlap instead of waiting to connect one by one.
    const held = await Promise.all(Array.from({ length: 10 }, () => database.pool.connect()));
    held.forEach((client) => client.release());
    const answers = await Promise.all(Array.from({ length: 10 }, grant));
    expect(new Set(answers.map((answer) => answer.id)).size).toBe(1);
    expect(answers.filter((answer) => answer.created)).toHaveLength(1);
    expect(await balanceOf(database.db, key)).toBe(50n);
  });

  it('pages an account’s history newest first by keyset', async () => {
    const key = customerAccountKey(randomUUID(), 'credits', 'credits');
    for (let n = 1n; n <= 5n; n++) {
      await postEntry(database.db, clock, {
        kind: 'top_up',
        description: `grant ${n}`,
        lines: [
          { accountKey: key, amount: n, unit: 'credits' },
          { accountKey: operatorAccountKey('promotional_credit', 'credits'), amount: -n, unit: 'credits' },
        ],
      });
    }
    const first = await accountHistory(database.db, key, { limit: 3 });
    expect(first.rows.map((row) => row.amount)).toEqual([5n, 4n, 3n]);
    const second = await accountHistory(database.db, key, { limit: 3, cursor: first.nextCursor ?? '' });
    expect(second.rows.map((row) => row.description)).toEqual(['grant 2', 'grant 1']);
    expect(second.nextCursor).toBeNull();
  });

  it('serialises 200 concurrent debits of 1 against 100 credits: exactly 100 succeed', async () => {
    const key = customerAccountKey(randomUUID(), 'credits', 'credits');
    const pool = operatorAccountKey('promotional_credit', 'credits');
    await postEntry(database.db, clock, {
      kind: 'top_up',
      description: 'grant',
      lines: [
        { accountKey: key, amount: 100n, unit: 'credits' },
        { accountKey: pool, amount: -100n, unit: 'credits' },
      ],
    });
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () =>
        database.db.transaction((tx) =>
          postEntry(tx, clock, {
            kind: 'consumption',
            description: 'one credit',
            lines: [
              { accountKey: key, amount: -1n, unit: 'credits' },
              { accountKey: operatorAccountKey('revenue', 'credits'), amount: 1n, unit: 'credits' },
            ],
          }),
        ),
      ),
    );
    const refused = results.filter((result) => result.status === 'rejected');
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(100);
    for (const result of refused) expect((result.reason as AppError).code).toBe('insufficient_balance');
    expect(await balanceOf(database.db, key)).toBe(0n);
    expect((await verifyLedger(database.db)).differences).toEqual([]);
  });
});
