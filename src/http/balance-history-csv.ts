import type { FastifyReply } from 'fastify';
import { toDecimalString } from '../lib/money.js';
import { balanceHistory, type BalanceHistoryFilter } from '../modules/balances/index.js';
import { sendCsv } from './csv-export.js';
import type { AppServices } from './services.js';

const csvColumns = ['occurred_at', 'currency', 'amount', 'kind', 'description', 'entry_id'];

/** Streams a customer's balance history matching the filters as CSV, newest first, a page at a time. */
export function sendBalanceHistoryCsv(
  reply: FastifyReply,
  services: AppServices,
  customerId: string,
  filters: BalanceHistoryFilter,
) {
  return sendCsv(reply, services.clock.now(), {
    name: 'balance-history',
    columns: csvColumns,
    page: (cursor, limit) => balanceHistory(services.db, customerId, { ...filters, cursor, limit }),
    fields: async (lines) =>
      lines.map((line) => [
        line.occurredAt.toISOString(),
        line.unit,
        toDecimalString({ amount: line.amount, currency: line.unit }),
        line.kind,
        line.description,
        line.entryId,
      ]),
  });
}
