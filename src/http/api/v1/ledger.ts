import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountHistory, getAccount, trialBalance } from '../../../modules/ledger/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import type { AppServices } from '../../services.js';
import { cursorPageOf, cursorQuery, errorResponse, guardedErrors } from '../schemas.js';

const amount = z.string().describe('Signed whole minor units (or credits), as a string');

const accountJson = z
  .object({
    key: z.string().describe('e.g. customer:<uuid>:balance:USD or operator:revenue:USD'),
    unit: z.string().describe('An ISO 4217 currency or a credit unit such as "credits"'),
    balance: amount,
    allowNegative: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'LedgerAccount' });

const lineJson = z
  .object({
    entryId: z.uuid(),
    kind: z.string(),
    description: z.string(),
    occurredAt: z.string(),
    amount,
    unit: z.string(),
  })
  .meta({ id: 'LedgerLine' });

const trialBalanceJson = z
  .object({
    data: z.array(
      z.object({
        unit: z.string(),
        accounts: z.array(z.object({ key: z.string(), balance: amount })),
        total: amount.describe('The sum of the unit’s balances: "0" when the books balance'),
      }),
    ),
  })
  .meta({ id: 'TrialBalance' });

const keyParams = z.object({ key: z.string().min(1).max(200).describe('The account key') });

/** /api/v1/ledger: the journal's accounts, their lines and the trial balance, read-only. */
export function registerLedgerApi(parent: FastifyInstance, services: AppServices): void {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ['Ledger'];

  app.get(
    '/api/v1/ledger/trial-balance',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'Every account’s balance per unit, with each unit’s total (zero when the books balance)',
        response: { 200: trialBalanceJson, ...guardedErrors },
      },
    },
    async () => ({
      data: (await trialBalance(services.db)).map((unit) => ({
        unit: unit.unit,
        accounts: unit.accounts.map((account) => ({ key: account.key, balance: account.balance.toString() })),
        total: unit.total.toString(),
      })),
    }),
  );

  app.get(
    '/api/v1/ledger/accounts/:key',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'One account and its balance',
        params: keyParams,
        response: { 200: accountJson, 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      const account = await getAccount(services.db, request.params.key);
      return {
        key: account.key,
        unit: account.unit,
        balance: account.balance.toString(),
        allowNegative: account.allowNegative,
        createdAt: account.createdAt.toISOString(),
      };
    },
  );

  app.get(
    '/api/v1/ledger/accounts/:key/lines',
    {
      preHandler: requireRole('viewer'),
      schema: {
        tags,
        summary: 'An account’s journal lines, newest first',
        params: keyParams,
        querystring: z.object(cursorQuery),
        response: { 200: cursorPageOf(lineJson), 404: errorResponse, ...guardedErrors },
      },
    },
    async (request) => {
      const account = await getAccount(services.db, request.params.key);
      const page = await accountHistory(services.db, account.key, request.query);
      return {
        data: page.rows.map((line) => ({
          entryId: line.entryId,
          kind: line.kind,
          description: line.description,
          occurredAt: line.occurredAt.toISOString(),
          amount: line.amount.toString(),
          unit: line.unit,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
