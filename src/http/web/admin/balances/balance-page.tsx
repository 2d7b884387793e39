import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import {
  adjustBalance,
  balanceHistory,
  balanceKindsOf,
  customerBalances,
  refundBalance,
  type BalanceHistoryLine,
  type CustomerBalance,
} from '../../../../modules/balances/index.js';
import { getCustomer, type CustomerWithIdentities } from '../../../../modules/customers/index.js';
import { sendBalanceHistoryCsv } from '../../../balance-history-csv.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card, DetailHeader, Facts } from '../../components/detail.js';
import { EmptyState } from '../../components/empty-state.js';
import { Field, FormAlert, PostForm, SelectField } from '../../components/form.js';
import { Pager } from '../../components/pager.js';
import { PlainTable } from '../../components/plain-table.js';
import { setFlash } from '../../flash.js';
import {
  formStateOf,
  formValues,
  refusedForm,
  refusedStatus,
  withFieldsRenamed,
  type RefusedForm,
} from '../../form-state.js';
import { formatDateTime, formatUnitAmount } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { ChoiceFilter } from '../billing-filter-form.js';
import { hasFilters, listHref, pageOf, queryParams } from '../billing-filters.js';
import { balanceHistoryInput, parseBalanceFilters, type BalanceFilters } from './balance-filters.js';
import { balanceKindLabel } from './balance-labels.js';

const pageSize = 25;
const pathOf = (customerId: string) => `/admin/customers/${customerId}/balance`;

type FailedForm = RefusedForm<'adjust' | 'refund'>;

interface BalancePageProps {
  ctx: PageContext;
  customer: CustomerWithIdentities;
  balances: CustomerBalance[];
  kinds: string[];
  filters: BalanceFilters;
  page: number;
  rows: BalanceHistoryLine[];
  total: number;
  failed?: FailedForm | undefined;
}

function HistoryFilters(props: BalancePageProps) {
  const { filters } = props;
  const path = pathOf(props.customer.id);
  return (
    <form class="table-toolbar form-row compact" method="get" action={path} role="search">
      <ChoiceFilter
        label="Currency"
        name="currency"
        all="All currencies"
        value={filters.currency}
        options={props.balances.map((row) => ({ value: row.currency, label: row.currency }))}
      />
      <ChoiceFilter
        label="Kind"
        name="kind"
        all="All kinds"
        value={filters.kind}
        options={props.kinds.map((kind) => ({ value: kind, label: balanceKindLabel(kind) }))}
      />
      <label class="hint">
        From
        <input type="date" name="from" value={filters.from} />
      </label>
      <label class="hint">
        Until
        <input type="date" name="to" value={filters.to} />
      </label>
      <div class="form-actions">
        <button type="submit" class="button secondary small">
          Filter
        </button>
        {hasFilters(filters) && (
          <a class="button secondary small" href={path}>
            Clear
          </a>
        )}
      </div>
    </form>
  );
}

function History(props: BalancePageProps) {
  const { customer, filters } = props;
  const path = pathOf(customer.id);
  return (
    <Card title="History">
      <section class="data-table" id="balance-history">
        <HistoryFilters {...props} />
        {props.rows.length === 0 ? (
          hasFilters(filters) ? (
            <EmptyState title="Nothing matches">
              No movements for these filters. <a href={path}>Clear the filters</a>
            </EmptyState>
          ) : (
            <EmptyState title="No movements yet">
              Credit notes paid out to the balance, adjustments and refunds show here, and so does the balance
              paying invoices.
            </EmptyState>
          )
        ) : (
          <>
            <PlainTable
              rows={props.rows}
              columns={[
                { label: 'Date', class: 'nowrap', render: (line) => formatDateTime(line.occurredAt) },
                { label: 'Kind', render: (line) => balanceKindLabel(line.kind) },
                { label: 'Description', render: (line) => line.description },
                {
                  label: 'Amount',
                  class: 'nowrap',
                  render: (line) => formatUnitAmount(line.amount, line.unit, customer.locale),
                },
              ]}
            />
            <Pager
              page={props.page}
              pageSize={pageSize}
              total={props.total}
              href={(page) => listHref(path, filters, page)}
            />
          </>
        )}
      </section>
    </Card>
  );
}

type MoneyFieldNames = Record<'currency' | 'amount' | 'reason', string>;

const adjustFields: MoneyFieldNames = { currency: 'currency', amount: 'amount', reason: 'reason' };
// The refund form sits on the same page: its own names keep the fields' ids unique.
const refundFields: MoneyFieldNames = {
  currency: 'refundCurrency',
  amount: 'refundAmount',
  reason: 'refundReason',
};

/** The fields both staff forms share. */
function MoneyFields(props: {
  form: ReturnType<typeof formStateOf>;
  names: MoneyFieldNames;
  currency: string;
}) {
  const { form, names } = props;
  return (
    <div class="form-row">
      <Field label="Currency" name={names.currency} form={form} value={props.currency} required />
      <Field label="Amount" name={names.amount} form={form} hint="e.g. 12.50" required />
      <Field label="Reason" name={names.reason} form={form} hint="Kept in the audit log" required />
    </div>
  );
}

/** What the form with these names says about the balance change. */
const moneyInput = (values: Record<string, string>, names: MoneyFieldNames) => ({
  currency: values[names.currency] ?? '',
  amount: values[names.amount] ?? '',
  reason: values[names.reason] ?? '',
});

function StaffForms(props: BalancePageProps) {
  const { ctx, customer } = props;
  const adjust = formStateOf(props.failed, 'adjust');
  const refund = formStateOf(props.failed, 'refund');
  const path = pathOf(customer.id);
  return (
    <>
      <Card title="Adjust the balance">
        <FormAlert message={adjust.message} />
        <PostForm action={`${path}/adjustments`} csrfToken={ctx.csrfToken}>
          <SelectField
            label="Direction"
            name="direction"
            form={adjust}
            options={[
              { value: 'credit', label: 'Credit: add to the balance' },
              { value: 'debit', label: 'Debit: take from the balance' },
            ]}
          />
          <MoneyFields form={adjust} names={adjustFields} currency={customer.currency} />
          <button type="submit" class="button">
            Adjust
          </button>
        </PostForm>
      </Card>
      <Card title="Refund to the customer">
        <p class="muted">
          Records money paid back out of the balance (send it by bank transfer or the payment provider).
        </p>
        <FormAlert message={refund.message} />
        <PostForm action={`${path}/refunds`} csrfToken={ctx.csrfToken}>
          <MoneyFields form={refund} names={refundFields} currency={customer.currency} />
          <button type="submit" class="button danger">
            Record refund
          </button>
        </PostForm>
      </Card>
    </>
  );
}

function BalancePage(props: BalancePageProps) {
  const { ctx, customer } = props;
  const canChange = ctx.user !== null && roleAtLeast(ctx.user.role, 'manager');
  const path = pathOf(customer.id);
  return (
    <AdminLayout
      ctx={ctx}
      title="Balance"
      actions={
        <a class="button secondary" href={listHref(`${path}/export.csv`, props.filters)} download>
          Export CSV
        </a>
      }
    >
      <nav class="breadcrumb muted" aria-label="Breadcrumb">
        <a href="/admin/customers">Customers</a> /{' '}
        <a href={`/admin/customers/${customer.id}`}>{customer.name}</a> / Balance
      </nav>
      <DetailHeader title={`${customer.name}: balance`} subtitle={customer.email} />
      <div class="grid-2">
        <div class="stack">
          <Card title="Balances">
            {props.balances.length === 0 ? (
              <p class="muted">No balance in any currency yet.</p>
            ) : (
              <div id="balances">
                <Facts
                  items={props.balances.map((row) => [
                    row.currency,
                    formatUnitAmount(row.balance, row.currency, customer.locale),
                  ])}
                />
              </div>
            )}
          </Card>
          <History {...props} />
        </div>
        <div class="stack">{canChange && <StaffForms {...props} />}</div>
      </div>
    </AdminLayout>
  );
}

/** GET /admin/customers/:id/balance with its CSV export; POST adjustments and refunds (manager and up). */
export function registerBalancePageRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { id: string } };
  /** The customer, its balances, the kinds its history has and the filters asked for. */
  const load = async (id: string, query: unknown) => {
    const customer = await getCustomer(services.db, id);
    const [balances, kinds] = await Promise.all([
      customerBalances(services.db, customer.id),
      balanceKindsOf(services.db, customer.id),
    ]);
    const currencies = balances.map((row) => row.currency);
    return { customer, balances, kinds, filters: parseBalanceFilters(query, currencies, kinds) };
  };
  const render = async (request: FastifyRequest, reply: FastifyReply, id: string, failed?: FailedForm) => {
    const { customer, balances, kinds, filters } = await load(id, request.query);
    const page = pageOf(queryParams(request.query));
    const { rows, total } = await balanceHistory(services.db, customer.id, {
      ...balanceHistoryInput(filters),
      page,
      pageSize,
    });
    return sendPage(
      reply,
      <BalancePage
        ctx={pageContext(request, reply, services.assets)}
        customer={customer}
        balances={balances}
        kinds={kinds}
        filters={filters}
        page={page}
        rows={rows}
        total={total}
        failed={failed}
      />,
      refusedStatus(failed),
    );
  };

  app.get<Params>(
    '/admin/customers/:id/balance',
    { preHandler: requireRole('viewer') },
    async (request, reply) => render(request, reply, request.params.id),
  );

  app.get<Params>(
    '/admin/customers/:id/balance/export.csv',
    { preHandler: requireRole('viewer') },
    async (request, reply) => {
      const { customer, filters } = await load(request.params.id, request.query);
      return sendBalanceHistoryCsv(reply, services, customer.id, balanceHistoryInput(filters));
    },
  );

  app.post<Params>(
    '/admin/customers/:id/balance/adjustments',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        const change = await adjustBalance(
          services.balances,
          request.params.id,
          // The use case refuses a direction that is neither, naming the field.
          { ...moneyInput(values, adjustFields), direction: (values['direction'] ?? '') as 'credit' },
          actorOf(request),
        );
        setFlash(reply, {
          kind: 'success',
          text: `Balance adjusted; it is now ${formatUnitAmount(change.balance, change.currency)}.`,
        });
      } catch (error) {
        return render(request, reply, request.params.id, refusedForm('adjust', error, values));
      }
      return reply.code(303).redirect(pathOf(request.params.id));
    },
  );

  app.post<Params>(
    '/admin/customers/:id/balance/refunds',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        const change = await refundBalance(
          services.balances,
          request.params.id,
          moneyInput(values, refundFields),
          actorOf(request),
        );
        setFlash(reply, {
          kind: 'success',
          text: `Refund recorded; the balance is now ${formatUnitAmount(change.balance, change.currency)}.`,
        });
      } catch (error) {
        const renamed = withFieldsRenamed(
          error,
          (field) => refundFields[field as keyof MoneyFieldNames] ?? field,
        );
        return render(request, reply, request.params.id, refusedForm('refund', renamed, values));
      }
      return reply.code(303).redirect(pathOf(request.params.id));
    },
  );
}
