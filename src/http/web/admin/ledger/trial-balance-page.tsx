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

interface TrialBalanceRow {
  label: string;
  /** The account's page; none for a group of customer accounts or the total. */
  href: string | null;
  balance: bigint;
  strong?: boolean;
}

/** What a customer account holds, by the purpose in its key (credit grants are lot_<grant>). */
function customerGroupOf(key: string): string {
  const purpose = key.split(':')[2] ?? '';
  return purpose.startsWith('lot_')
    ? 'Customers’ credit grants'
    : `Customers’ ${purpose.replaceAll('_', ' ')}`;
}

/**
 * Operator accounts one by one; customer accounts summed per kind (one per customer and grant would
 * make the page as long as the customer list — each customer's own page shows theirs).
 */
function rowsOf(unit: TrialBalanceUnit): TrialBalanceRow[] {
  const groups = new Map<string, { balance: bigint; count: number }>();
  const rows: TrialBalanceRow[] = [];
  for (const account of unit.accounts) {
    if (!account.key.startsWith('customer:')) {
      rows.push({ label: account.key, href: accountHref(account.key), balance: account.balance });
      continue;
    }
    const label = customerGroupOf(account.key);
    const group = groups.get(label) ?? { balance: 0n, count: 0 };
    groups.set(label, { balance: group.balance + account.balance, count: group.count + 1 });
  }
  for (const [label, group] of groups)
    rows.push({
      label: `${label} (${group.count} ${group.count === 1 ? 'account' : 'accounts'})`,
      href: null,
      balance: group.balance,
    });
  return [...rows, { label: 'Total', href: null, balance: unit.total, strong: true }];
}

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
          rows={rowsOf(unit)}
          columns={[
            {
              label: 'Account',
              render: (row) =>
                row.href ? (
                  <a href={row.href}>{row.label}</a>
                ) : row.strong ? (
                  <strong>{row.label}</strong>
                ) : (
                  row.label
                ),
            },
            {
              label: 'Balance',
              class: 'nowrap',
              render: (row) => formatUnitAmount(row.balance, unit.unit),
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
