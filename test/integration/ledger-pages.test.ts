import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorAccountKey, postEntry } from '../../src/modules/ledger/index.js';
import { pageText } from '../support/page-text.js';
import { startCreditNoteWorld } from '../support/credit-note-world.js';
import type { BrowserClient } from '../support/browser-client.js';
import type { TestApp } from '../support/test-app.js';

/** The ledger admin: the trial balance by unit, netting to zero (or saying it does not), and an account's lines. */

let t: TestApp;
let owner: BrowserClient;

const receivables = operatorAccountKey('receivables', 'EUR');
const accountPage = (key: string) => `/admin/ledger/accounts/${encodeURIComponent(key)}`;
const card = (body: string, unit: string) =>
  pageText(new RegExp(`id="trial-balance-${unit}">([\\s\\S]*?</table>)`).exec(body)?.[1] ?? '').trim();

beforeAll(async () => {
  ({ t, owner } = await startCreditNoteWorld());
});
afterAll(async () => t.close());

describe('ledger pages', () => {
  it('show the trial balance per unit, netting to zero, linked from the sidebar', async () => {
    const page = await owner.get('/admin/ledger');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<a href="\/admin\/ledger" class="nav-link active" aria-current="page"/);
    // Anna's invoice: 297.50 EUR owed, 250.00 earned, 47.50 of VAT.
    expect(card(page.body, 'EUR')).toBe(
      'Account Balance operator:receivables:EUR -€297.50 operator:revenue:EUR €250.00 operator:tax_payable:EUR €47.50 Total €0.00',
    );
    expect(page.body).toContain(`href="${accountPage(receivables)}"`);
    expect(pageText(page.body)).not.toContain('do not net to zero');
  });

  it('page an account’s lines, newest first', async () => {
    for (let i = 1; i <= 50; i += 1)
      await postEntry(t.database.db, t.clock, {
        kind: 'test.move',
        description: `Move ${i}`,
        lines: [
          { accountKey: receivables, amount: 1n, unit: 'EUR' },
          { accountKey: operatorAccountKey('suspense', 'EUR'), amount: -1n, unit: 'EUR' },
        ],
      });
    const first = await owner.get(accountPage(receivables));
    expect(first.statusCode).toBe(200);
    expect(pageText(first.body)).toContain('Balance -€297.00');
    expect(pageText(first.body)).toContain('1–50 of 51');
    expect(pageText(first.body)).toContain('test.move Move 50');
    const second = await owner.get(`${accountPage(receivables)}?page=2`);
    expect(pageText(second.body)).toContain('invoice.finalized Invoice INV-2027-000001 -€297.50');
    expect((await owner.get(accountPage('operator:nothing:EUR'))).statusCode).toBe(404);
  });

  it('sum customer accounts per kind instead of listing one row per customer or grant', async () => {
    for (const name of ['Ben', 'Cleo']) {
      const customer = (
        await owner.sendJson('POST', '/api/v1/customers', {
          email: `${name.toLowerCase()}@example.com`,
          name,
          currency: 'EUR',
        })
      ).json<{ id: string }>();
      const balance = await owner.sendJson('POST', `/api/v1/customers/${customer.id}/balance/adjustments`, {
        currency: 'EUR',
        amount: '10.00',
        direction: 'credit',
        reason: 'Goodwill',
      });
      expect(balance.statusCode, balance.body).toBe(201);
      const credits = await owner.sendJson('POST', `/api/v1/customers/${customer.id}/credits/adjustments`, {
        direction: 'grant',
        amount: 50,
        unit: 'credits',
        reason: 'Welcome',
      });
      expect(credits.statusCode, credits.body).toBe(200);
    }
    const page = await owner.get('/admin/ledger');
    expect(card(page.body, 'EUR')).toContain('Customers’ balance (2 accounts) €20.00');
    expect(card(page.body, 'credits')).toBe(
      'Account Balance operator:credits_promotional:credits -100 credits Customers’ credit grants (2 accounts) 100 credits Total 0 credits',
    );
  });

  it('warn clearly when a unit does not net to zero', async () => {
    // Books broken behind the ledger's back: a line added to an entry that balanced.
    await t.database.pool.query(`
      INSERT INTO ledger_lines (entry_id, line_no, account_id, amount, unit)
      SELECT e.id, 99, a.id, 5, 'EUR' FROM ledger_entries e, ledger_accounts a
      WHERE e.kind = 'invoice.finalized' AND a.key = 'operator:revenue:EUR'`);
    const page = await owner.get('/admin/ledger');
    expect(pageText(page.body)).toContain(
      'The EUR accounts do not net to zero: they are off by €0.05. Run tollgate ledger verify to find the entry.',
    );
  });
});
