import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/lib/clock.js';
import { openDatabase, type Database } from '../../src/lib/db/database.js';
import { runMigrations } from '../../src/lib/db/migrate.js';
import { createLogger } from '../../src/lib/logger.js';
import { customerAccountKey, operatorAccountKey, postEntry } from '../../src/modules/ledger/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { runCli } from '../support/tollgate-process.js';

// `tollgate ledger verify` as a person at a shell runs it, on a fresh database.
let testDatabase: TestDatabase;
let database: Database;
const cli = (...args: string[]) => runCli(['ledger', ...args], { DATABASE_URL: testDatabase.url });

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = openDatabase(testDatabase.url, createLogger('silent'));
  await runMigrations(database.pool);
});

afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

describe('tollgate ledger verify', () => {
  const key = customerAccountKey(randomUUID(), 'balance', 'USD');

  it('passes on a clean ledger', async () => {
    const clock = new FixedClock('2027-01-01T00:00:00Z');
    await postEntry(database.db, clock, {
      kind: 'top_up',
      description: 'payment',
      lines: [
        { accountKey: key, amount: 2_500n, unit: 'USD' },
        { accountKey: operatorAccountKey('receivables', 'USD'), amount: -2_500n, unit: 'USD' },
      ],
    });
    const result = await cli('verify');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('Ledger verified: 2 accounts, 1 entries, every entry balances.');
  });

  it('exits 1 naming the account after its cached balance is tampered with', async () => {
    await database.pool.query('update ledger_accounts set balance = balance + 7 where key = $1', [key]);
    const result = await cli('verify');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Account ${key}: cached balance 2507, its lines sum to 2500.`);
  });
});
