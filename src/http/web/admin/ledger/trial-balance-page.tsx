import type { FastifyInstance } from 'fastify';
import { trialBalance, type TrialBalanceUnit } from '../../../../modules/ledger/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card } from '../../components/detail.js';
import { EmptyState } from '../../components/empty-state.js';
import { FormAlert } from '../../components/form.js';
import { PlainTable } from '../../components/plain-table.js';
import { formatUnitAmount } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { accountHref } from './ledger-links.js';

function UnitCard(props: { unit: TrialBalanceUnit }) {
  const { unit } = props;
  return (
    <Card title={unit.unit}>
      {unit.total !== 0n && (
        <FormAlert
          message={`The ${unit.unit} accounts do not net to zero: they are off by ${formatUnitAmount(unit.total, unit.unit)}. Run tollgate ledger verify to find the entry.`}
        />
      )}
      <div id={`trial-balance-${unit.unit}`}>
        <PlainTable
          rows={[...unit.accounts, { key: '', balance: unit.total }]}
          columns={[
            {
              label: 'Account',
              render: (account) =>
                account.key ? <a href={accountHref(account.key)}>{account.key}</a> : <strong>Total</strong>,
            },
            {
              label: 'Balance',
              class: 'nowrap',
              render: (account) => formatUnitAmount(account.balance, unit.unit),
            },
          ]}
        />
      </div>
    </Card>
  );
}

function TrialBalancePage(props: { ctx: PageContext; units: TrialBalanceUnit[] }) {
  return (
    <AdminLayout ctx={props.ctx} title="Ledger">
      <p class="muted">
        Every account's balance by currency or credit unit. Lines are signed from the operator's books,
        credits positive: revenue, tax payable and what customers hold read positive; receivables and money
        received read negative. Each unit's accounts net to zero.
      </p>
      {props.units.length === 0 ? (
        <EmptyState title="No entries yet">
          Finalized invoices, payments, credit notes and balance changes are booked here.
        </EmptyState>
      ) : (
        <div class="stack">
          {props.units.map((unit) => (
            <UnitCard unit={unit} />
          ))}
        </div>
      )}
    </AdminLayout>
  );
}

/** GET /admin/ledger: the trial balance. */
export function registerTrialBalanceRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/ledger', { preHandler: requireRole('viewer') }, async (request, reply) =>
    sendPage(
      reply,
      <TrialBalancePage
        ctx={pageContext(request, reply, services.assets)}
        units={await trialBalance(services.db)}
      />,
    ),
  );
}
