import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import {
  adjustCredits,
  creditEntryKinds,
  type AdjustCreditsInput,
  creditHistory,
  setLowBalanceThreshold,
  type CreditMovement,
  type UnitBalance,
} from '../../../../modules/credits/index.js';
import { findCustomer, type Customer } from '../../../../modules/customers/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Badge, DetailHeader } from '../../components/detail.js';
import { EmptyState } from '../../components/empty-state.js';
import { utcFromInput } from '../../date-time-input.js';
import { setFlash } from '../../flash.js';
import {
  formStateOf,
  formValues,
  refusedForm,
  refusedStatus,
  withFieldsRenamed,
  type RefusedForm,
} from '../../form-state.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { choiceFilter, pageOf, parseBillingFilters, queryParams } from '../billing-filters.js';
import { UnitBalanceCard } from './credit-balances.js';
import { AdjustCreditsCard, ThresholdCard } from './credit-forms.js';
import { CreditHistoryCard, historyPageSize, type HistoryFilters } from './credit-history-card.js';
import { creditsLabel } from './credit-labels.js';
import { loadCreditBalances } from './customer-credits.js';

type FailedForm = RefusedForm<'adjust' | 'threshold'>;

interface PageProps {
  ctx: PageContext;
  customer: Customer;
  balances: UnitBalance[];
  filters: HistoryFilters;
  page: number;
  history: { rows: CreditMovement[]; total: number };
  failed?: FailedForm | undefined;
}

function CreditsPage(props: PageProps) {
  const { ctx, customer, balances, filters } = props;
  const canAdjust = ctx.user !== null && roleAtLeast(ctx.user.role, 'manager');
  const forms = { customerId: customer.id, csrfToken: ctx.csrfToken };
  return (
    <AdminLayout ctx={ctx} title="Credits">
      <nav class="breadcrumb muted" aria-label="Breadcrumb">
        <a href="/admin/customers">Customers</a> /{' '}
        <a href={`/admin/customers/${customer.id}`}>{customer.name}</a> /{' '}
        <span aria-current="page">Credits</span>
      </nav>
      <DetailHeader
        title={`Credits of ${customer.name}`}
        subtitle={customer.email}
        badges={customer.testClockId ? <Badge kind="warn">sandbox</Badge> : undefined}
      />
      <div class="stack">
        {balances.length === 0 && (
          <EmptyState title="No credits yet">
            Credits come from a plan that grants them each period, a credit pack, or an adjustment by staff.
          </EmptyState>
        )}
        {balances.map((balance) => (
          <UnitBalanceCard balance={balance} />
        ))}
        {canAdjust && (
          <div class="grid-2">
            <AdjustCreditsCard {...forms} unit={filters.unit} form={formStateOf(props.failed, 'adjust')} />
            {balances.length > 0 && (
              <ThresholdCard
                {...forms}
                balances={balances}
                unit={filters.unit}
                form={formStateOf(props.failed, 'threshold')}
              />
            )}
          </div>
        )}
        {balances.length > 0 && (
          <CreditHistoryCard
            customerId={customer.id}
            units={balances.map((balance) => balance.unit)}
            filters={filters}
            page={props.page}
            rows={props.history.rows}
            total={props.history.total}
          />
        )}
      </div>
    </AdminLayout>
  );
}

/**
 * The history filters of the page's URL. Like the other lists, a malformed value counts as no
 * filter rather than failing the page; the unit defaults to the customer's first.
 */
function historyFiltersOf(query: unknown, units: string[]): HistoryFilters {
  const params = queryParams(query);
  // The billing lists' day filters (YYYY-MM-DD, UTC) are the very ones the history takes.
  const { from, to } = parseBillingFilters(params);
  return {
    // With no credits at all, 'credits' is what the adjustment form suggests.
    unit: choiceFilter(params, 'unit', units) || (units[0] ?? 'credits'),
    kind: choiceFilter(params, 'kind', creditEntryKinds),
    from,
    to,
  };
}

/** Page `page` of the history the filters ask for. */
async function historyPage(services: AppServices, customerId: string, filters: HistoryFilters, page: number) {
  const history = await creditHistory(services.db, customerId, filters);
  return history.page({ page, pageSize: historyPageSize });
}

/**
 * GET /admin/customers/:id/credits: balances, open grants and history; managers adjust credits and
 * set the low-balance threshold there, through the credits module (which validates and audits).
 */
export function registerCreditsPageRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { id: string } };
  const render = async (request: FastifyRequest, reply: FastifyReply, id: string, failed?: FailedForm) => {
    const customer = await findCustomer(services.db, id);
    const balances = await loadCreditBalances(services, customer);
    const units = balances.map((balance) => balance.unit);
    const filters = historyFiltersOf(request.query, units);
    const page = pageOf(queryParams(request.query));
    const history =
      units.length === 0 ? { rows: [], total: 0 } : await historyPage(services, customer.id, filters, page);
    return sendPage(
      reply,
      <CreditsPage
        ctx={pageContext(request, reply, services.assets)}
        customer={customer}
        balances={balances}
        filters={filters}
        page={page}
        history={history}
        failed={failed}
      />,
      refusedStatus(failed),
    );
  };

  /** Runs a form's action; on an expected refusal, shows the page again with that form's errors. */
  const handle = (
    path: string,
    name: FailedForm['name'],
    action: (
      request: FastifyRequest<Params>,
      values: Record<string, string>,
    ) => Promise<{ flash: string; unit: string }>,
  ) =>
    app.post<Params>(path, { preHandler: requireRole('manager') }, async (request, reply) => {
      const values = formValues(request.body);
      let done: { flash: string; unit: string };
      try {
        done = await action(request, values);
      } catch (error) {
        return render(request, reply, request.params.id, refusedForm(name, error, values));
      }
      setFlash(reply, { kind: 'success', text: done.flash });
      // Back to the page showing the unit just changed, its history included.
      const query = new URLSearchParams({ unit: done.unit }).toString();
      return reply.code(303).redirect(`/admin/customers/${request.params.id}/credits?${query}`);
    });

  app.get<Params>(
    '/admin/customers/:id/credits',
    { preHandler: requireRole('viewer') },
    async (request, reply) => render(request, reply, request.params.id),
  );

  handle('/admin/customers/:id/credits/adjustments', 'adjust', async (request, values) => {
    const result = await adjustCredits(
      services.credits,
      request.params.id,
      {
        // As typed: the module refuses anything but grant or deduct.
        direction: (values['direction'] ?? '') as AdjustCreditsInput['direction'],
        amount: values['amount'] ?? '',
        unit: values['unit'] ?? '',
        reason: values['reason'] ?? '',
        expiresAt: utcFromInput(values['expiresAt']) ?? null,
      },
      actorOf(request),
    );
    const amount = creditsLabel(BigInt(values['amount']?.trim() ?? '0'), result.unit);
    return {
      flash: `${values['direction'] === 'grant' ? 'Gave' : 'Took back'} ${amount}. Balance: ${creditsLabel(result.balance, result.unit)}.`,
      unit: result.unit,
    };
  });

  handle('/admin/customers/:id/credits/threshold', 'threshold', async (request, values) => {
    const clear = values['action'] === 'clear';
    const unit = values['thresholdUnit']?.trim() ?? '';
    try {
      await setLowBalanceThreshold(
        services.credits,
        request.params.id,
        { unit, threshold: clear ? null : (values['threshold'] ?? '') },
        actorOf(request),
      );
    } catch (error) {
      throw withFieldsRenamed(error, (field) => (field === 'unit' ? 'thresholdUnit' : field));
    }
    return {
      flash: clear
        ? `Low-balance threshold for ${unit} removed.`
        : `Low-balance threshold for ${unit} set to ${creditsLabel(BigInt(values['threshold']?.trim() ?? '0'), unit)}.`,
      unit,
    };
  });
}
