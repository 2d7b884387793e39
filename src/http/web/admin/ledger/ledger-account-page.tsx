import type { FastifyInstance } from 'fastify';
import {
  accountHistory,
  getAccount,
  type AccountHistoryLine,
  type LedgerAccount,
} from '../../../../modules/ledger/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card, DetailHeader, Facts } from '../../components/detail.js';
import { EmptyState } from '../../components/empty-state.js';
import { Pager } from '../../components/pager.js';
import { PlainTable } from '../../components/plain-table.js';
import { formatDateTime, formatUnitAmount } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { pageOf, queryParams } from '../billing-filters.js';
import { accountHref } from './ledger-links.js';

const pageSize = 50;

interface AccountPageProps {
  ctx: PageContext;
  account: LedgerAccount;
  page: number;
  rows: AccountHistoryLine[];
  total: number;
}

function LedgerAccountPage(props: AccountPageProps) {
  const { account } = props;
  const href = accountHref(account.key);
  return (
    <AdminLayout ctx={props.ctx} title="Ledger account">
      <nav class="breadcrumb muted" aria-label="Breadcrumb">
        <a href="/admin/ledger">Ledger</a> / <span aria-current="page">{account.key}</span>
      </nav>
      <DetailHeader title={account.key} />
      <Card title="Account">
        <Facts
          items={[
            ['Balance', formatUnitAmount(account.balance, account.unit)],
            ['Unit', account.unit],
            [
              'Owner',
              account.ownerId ? <a href={`/admin/customers/${account.ownerId}`}>Customer</a> : 'Operator',
            ],
            ['May go below zero', account.allowNegative ? 'Yes' : 'No'],
            ['Opened', formatDateTime(account.createdAt)],
          ]}
        />
      </Card>
      <Card title="Lines">
        <section id="account-lines">
          {props.rows.length === 0 ? (
            <EmptyState title="No lines yet" />
          ) : (
            <>
              <PlainTable
                rows={props.rows}
                columns={[
                  { label: 'Date', class: 'nowrap', render: (line) => formatDateTime(line.occurredAt) },
                  { label: 'Kind', render: (line) => line.kind },
                  { label: 'Description', render: (line) => line.description },
                  {
                    label: 'Amount',
                    class: 'nowrap',
                    render: (line) => formatUnitAmount(line.amount, line.unit),
                  },
                ]}
              />
              <Pager
                page={props.page}
                pageSize={pageSize}
                total={props.total}
                href={(page) => (page > 1 ? `${href}?page=${page}` : href)}
              />
            </>
          )}
        </section>
      </Card>
    </AdminLayout>
  );
}

/** GET /admin/ledger/accounts/:key: one account, its balance and its lines, newest first. */
export function registerLedgerAccountRoutes(app: FastifyInstance, services: AppServices): void {
  app.get<{ Params: { key: string } }>(
    '/admin/ledger/accounts/:key',
    { preHandler: requireRole('viewer') },
    async (request, reply) => {
      const account = await getAccount(services.db, request.params.key);
      const page = pageOf(queryParams(request.query));
      const { rows, total } = await accountHistory(services.db, account.key, { page, pageSize });
      return sendPage(
        reply,
        <LedgerAccountPage
          ctx={pageContext(request, reply, services.assets)}
          account={account}
          page={page}
          rows={rows}
          total={total}
        />,
      );
    },
  );
}
