import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerAccountKey, operatorAccountKey, postEntry } from '../../src/modules/ledger/index.js';
import { BrowserClient, setUpOwner, signIn } from '../support/browser-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The ledger through the JSON API: read-only views of accounts, their lines and the trial balance. */

let t: TestApp;
let owner: BrowserClient;
const customer = randomUUID();
const credits = customerAccountKey(customer, 'credits', 'credits');
const pool = operatorAccountKey('promotional_credit', 'credits');

interface LineJson {
  kind: string;
  description: string;
  amount: string;
  unit: string;
}
interface PageJson {
  data: LineJson[];
  nextCursor: string | null;
}
interface ErrorJson {
  error: { code: string; message: string };
}

const move = (description: string, amount: bigint) =>
  postEntry(t.database.db, t.clock, {
    kind: amount > 0n ? 'grant' : 'consumption',
    description,
    lines: [
      { accountKey: credits, amount, unit: 'credits' },
      { accountKey: pool, amount: -amount, unit: 'credits' },
    ],
  });

beforeAll(async () => {
  t = await startTestApp();
  owner = new BrowserClient(t.app);
  await setUpOwner(owner);
  await move('Starter plan, January', 1000n);
  await move('Pack of 500', 500n);
  await move('GPU job 42', -1200n);
});
afterAll(async () => t.close());

describe('the ledger API', () => {
  it('shows an account with its balance, money as a string of whole units', async () => {
    const response = await owner.getJson(`/api/v1/ledger/accounts/${encodeURIComponent(credits)}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      key: credits,
      unit: 'credits',
      balance: '300',
      allowNegative: false,
    });
  });

  it('pages an account’s lines newest first', async () => {
    const url = `/api/v1/ledger/accounts/${encodeURIComponent(credits)}/lines`;
    const first = (await owner.getJson(`${url}?limit=2`)).json<PageJson>();
    expect(first.data.map((line) => [line.description, line.amount])).toEqual([
      ['GPU job 42', '-1200'],
      ['Pack of 500', '500'],
    ]);
    expect(first.nextCursor).not.toBeNull();
    const second = (
      await owner.getJson(`${url}?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`)
    ).json<PageJson>();
    expect(second).toEqual({
      data: [
        expect.objectContaining({ description: 'Starter plan, January', amount: '1000', kind: 'grant' }),
      ],
      nextCursor: null,
    });
  });

  it('shows the trial balance netting to zero per unit', async () => {
    const response = await owner.getJson('/api/v1/ledger/trial-balance');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      data: [
        {
          unit: 'credits',
          accounts: expect.arrayContaining([
            { key: credits, balance: '300' },
            { key: pool, balance: '-300' },
          ]),
          total: '0',
        },
      ],
    });
  });

  it('answers 404 for an account never used, and lets a viewer read but asks everyone to sign in', async () => {
    const unknown = customerAccountKey(randomUUID(), 'balance', 'USD');
    const missing = await owner.getJson(`/api/v1/ledger/accounts/${encodeURIComponent(unknown)}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorJson>().error).toMatchObject({
      code: 'not_found',
      message: 'No such ledger account.',
    });
    expect(
      (await owner.getJson(`/api/v1/ledger/accounts/${encodeURIComponent(unknown)}/lines`)).statusCode,
    ).toBe(404);

    const created = await owner.sendJson('POST', '/api/v1/staff-users', {
      email: 'vera@example.com',
      name: 'Vera Viewer',
      role: 'viewer',
      password: 'viewer long password',
    });
    expect(created.statusCode, created.body).toBe(201);
    const viewer = await signIn(t.app, 'vera@example.com', 'viewer long password');
    expect((await viewer.getJson('/api/v1/ledger/trial-balance')).statusCode).toBe(200);
    const anonymous = new BrowserClient(t.app);
    expect((await anonymous.getJson('/api/v1/ledger/trial-balance')).statusCode).toBe(401);
  });
});
