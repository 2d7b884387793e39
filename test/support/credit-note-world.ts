import { expect } from 'vitest';
import { BrowserClient, setUpOwner } from './browser-client.js';
import { startTestApp } from './test-app.js';

/** An invoice as GET /api/v1/invoices/:id answers, as far as the credit-note tests read it. */
export interface InvoiceJson {
  id: string;
  number: string | null;
  amountDue: string;
  lines: { id: string; kind: string; description: string; amount: string }[];
}

/** Anna's name, with a comma and quotes for the CSV export and an umlaut for the PDF. */
export const annaName = 'Müller, Anna "Annie"';

/**
 * The start the credit-note tests (API and admin pages) share, built through the JSON API at
 * 2027-03-10 12:00 UTC: an owner signed in, a session that lasts the three days the notes are
 * issued over, 19 % VAT in Germany, two customers (Anna in EUR in Germany, Bob in USD in the
 * US) and Anna's finalized invoice INV-2027-000001 of 297.50 EUR (2 × 100.00 + 50.00 + VAT).
 */
export async function startCreditNoteWorld() {
  const t = await startTestApp({
    env: {
      TOLLGATE_BUSINESS_NAME: 'Gatekeepers Ltd',
      // The notes are issued over three days; the session should last through them.
      TOLLGATE_SESSION_IDLE_MINUTES: '5760',
      TOLLGATE_SESSION_MAX_HOURS: '96',
    },
  });
  t.clock.set('2027-03-10T12:00:00Z');
  const owner = new BrowserClient(t.app);
  await setUpOwner(owner);

  /** Sends `body` as the owner and expects `status`; answers the JSON body. */
  async function send<T>(method: string, url: string, body: unknown, status: number): Promise<T> {
    const response = await owner.sendJson(method, url, body);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
    return response.json<T>();
  }

  /** A draft invoice with these lines, finalized; answers it as GET /api/v1/invoices/:id does. */
  async function finalizedInvoice(customerId: string, lines: unknown[]) {
    const draft = await send<{ id: string }>('POST', '/api/v1/invoices', { customerId, lines }, 201);
    await send('POST', `/api/v1/invoices/${draft.id}/finalize`, {}, 200);
    return send<InvoiceJson>('GET', `/api/v1/invoices/${draft.id}`, undefined, 200);
  }

  await send(
    'POST',
    '/api/v1/tax-rates',
    { name: 'VAT', country: 'DE', percent: '19', inclusive: false },
    201,
  );
  const customer = async (body: Record<string, string>) =>
    (await send<{ id: string }>('POST', '/api/v1/customers', body, 201)).id;
  const annaId = await customer({
    email: 'anna@example.de',
    name: annaName,
    currency: 'EUR',
    country: 'DE',
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
  });
  const bobId = await customer({
    email: 'bob@example.com',
    name: 'Bob Plain',
    currency: 'USD',
    country: 'US',
  });
  const annaInvoice = await finalizedInvoice(annaId, [
    { description: 'Server setup', quantity: 2, unitAmount: 10000 },
    { description: 'Support', quantity: 1, unitAmount: 5000 },
  ]);
  return { t, owner, send, finalizedInvoice, annaId, bobId, annaInvoice };
}

export type CreditNoteWorld = Awaited<ReturnType<typeof startCreditNoteWorld>>;
