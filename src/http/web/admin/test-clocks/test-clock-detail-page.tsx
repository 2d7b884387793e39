import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditEvent } from '../../../../modules/audit/index.js';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import { findPlans } from '../../../../modules/catalog/index.js';
import { listTestClockCustomers } from '../../../../modules/customers/index.js';
import { listSubscriptions } from '../../../../modules/subscriptions/index.js';
import {
  advanceTestClock,
  deleteTestClock,
  getTestClock,
  type TestClock,
} from '../../../../modules/test-clocks/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card, DetailHeader, Facts } from '../../components/detail.js';
import { FormAlert, PostForm, emptyForm } from '../../components/form.js';
import { Timeline, type TimelineItem } from '../../components/timeline.js';
import { utcFromInput } from '../../date-time-input.js';
import { setFlash } from '../../flash.js';
import { formStateOf, formValues, refusedForm, refusedStatus, type RefusedForm } from '../../form-state.js';
import { formatDateTime } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { auditTimeline } from '../audit-timeline.js';
import { AdvanceCard } from './advance-card.js';
import { isAdvanceStep, oneStepLater } from './advance-steps.js';
import { ClockCustomersCard, type ClockCustomer } from './clock-customers-card.js';
import { ClockStatusBadge } from './test-clock-labels.js';

type Refused = RefusedForm<'advance' | 'delete'>;

interface PageData {
  clock: TestClock;
  customers: ClockCustomer[];
  history: TimelineItem[];
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** An advance in the history: "1 Jan 2027, 00:00 UTC → 1 Feb 2027, 00:00 UTC · ran 3 steps". */
function historyDetail(event: AuditEvent): string | undefined {
  const before = (event.before ?? {}) as Record<string, unknown>;
  const after = (event.after ?? {}) as Record<string, unknown>;
  const time = (value: unknown) => (typeof value === 'string' ? formatDateTime(new Date(value)) : '—');
  if (event.action === 'test_clock.advanced')
    return `${time(before['frozenAt'])} → ${time(after['frozenAt'])} · ran ${plural(Number(after['handled'] ?? 0), 'step')}`;
  if (event.action === 'test_clock.created')
    return `${String(after['name'])}, frozen at ${time(after['frozenAt'])}`;
  return undefined;
}

async function loadPage(services: AppServices, id: string): Promise<PageData> {
  const { db } = services;
  const clock = await getTestClock(db, id);
  const customers = await listTestClockCustomers(db, [clock.id]);
  const { rows: subscriptions } = await listSubscriptions(db, {
    customerIds: customers.map((customer) => customer.id),
    page: 1,
    pageSize: 500,
  });
  const plans = await findPlans(
    db,
    subscriptions.map((subscription) => subscription.planId),
  );
  return {
    clock,
    customers: customers.map((customer) => ({
      customer,
      subscriptions: subscriptions
        .filter((subscription) => subscription.customerId === customer.id)
        .map((subscription) => ({ subscription, plan: plans.get(subscription.planId) })),
    })),
    history: await auditTimeline(db, 'test_clock', clock.id, historyDetail),
  };
}

/** Deleting cannot be undone, so the Delete button asks once more, here (no JavaScript needed). */
function DeleteConfirmation(props: { clock: TestClock; csrfToken: string }) {
  const { clock } = props;
  return (
    <div class="alert alert-error" role="alert">
      <PostForm action={`/admin/test-clocks/${clock.id}/delete`} csrfToken={props.csrfToken}>
        <div>
          Delete {clock.name}? Its customers stay, frozen at {formatDateTime(clock.frozenAt)}; nothing runs
          for them any more.
        </div>
        <div class="form-actions">
          <button type="submit" class="button danger">
            Yes, delete it
          </button>
          <a href={`/admin/test-clocks/${clock.id}`} class="button secondary">
            Keep it
          </a>
        </div>
      </PostForm>
    </div>
  );
}

function TestClockPage(props: {
  ctx: PageContext;
  data: PageData;
  refused: Refused | undefined;
  confirmDelete?: boolean;
}) {
  const { ctx, data } = props;
  const { clock } = data;
  const canAct = ctx.user !== null && roleAtLeast(ctx.user.role, 'support');
  const deleteForm = formStateOf(props.refused, 'delete');
  return (
    <AdminLayout ctx={ctx} title="Test clock">
      <nav class="breadcrumb muted" aria-label="Breadcrumb">
        <a href="/admin/test-clocks">Test clocks</a> / <span aria-current="page">{clock.name}</span>
      </nav>
      <DetailHeader
        title={clock.name}
        subtitle={`Now ${formatDateTime(clock.frozenAt)} for its customers`}
        badges={<ClockStatusBadge clock={clock} />}
        actions={
          canAct &&
          !props.confirmDelete && (
            <a href={`/admin/test-clocks/${clock.id}?delete=confirm`} class="button danger">
              Delete test clock
            </a>
          )
        }
      />
      <FormAlert message={deleteForm.message} />
      {canAct && props.confirmDelete && <DeleteConfirmation clock={clock} csrfToken={ctx.csrfToken} />}
      <div class="stack">
        <div class="grid-2">
          <Card title="Details">
            <Facts
              items={[
                ['Frozen at', <strong data-testid="frozen-at">{formatDateTime(clock.frozenAt)}</strong>],
                ['Status', <ClockStatusBadge clock={clock} />],
                ['Customers', String(data.customers.length)],
                ['Created', formatDateTime(clock.createdAt)],
              ]}
            />
          </Card>
          {canAct && (
            <AdvanceCard
              clock={clock}
              csrfToken={ctx.csrfToken}
              form={formStateOf(props.refused, 'advance')}
            />
          )}
        </div>
        {/* Full width: the customers' table has more columns than half a page holds. */}
        <ClockCustomersCard clock={clock} customers={data.customers} canAct={canAct} />
        <Card title="History">
          <Timeline items={data.history} />
        </Card>
      </div>
    </AdminLayout>
  );
}

/** GET /admin/test-clocks/:id, and advancing or deleting it. */
export function registerTestClockDetailRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { id: string } };
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    refused?: Refused,
    confirmDelete = false,
  ) =>
    sendPage(
      reply,
      <TestClockPage
        ctx={pageContext(request, reply, services.assets)}
        data={await loadPage(services, id)}
        refused={refused}
        confirmDelete={confirmDelete}
      />,
      refusedStatus(refused),
    );

  app.get<Params & { Querystring: { delete?: string } }>(
    '/admin/test-clocks/:id',
    { preHandler: requireRole('viewer') },
    async (request, reply) =>
      render(request, reply, request.params.id, undefined, request.query.delete === 'confirm'),
  );

  app.post<Params>(
    '/admin/test-clocks/:id/advance',
    { preHandler: requireRole('support') },
    async (request, reply) => {
      const values = formValues(request.body);
      const step = values['step'];
      try {
        const clock = await getTestClock(services.db, request.params.id);
        const to = isAdvanceStep(step) ? oneStepLater(clock.frozenAt, step) : utcFromInput(values['to']);
        const result = await advanceTestClock(
          services.testClocks,
          clock.id,
          { to: to ?? '' },
          actorOf(request),
        );
        setFlash(reply, {
          kind: 'success',
          text: `Ran ${plural(result.handled, 'step')}. Now ${formatDateTime(result.clock.frozenAt)}.`,
        });
      } catch (error) {
        return render(request, reply, request.params.id, refusedForm('advance', error, values));
      }
      return reply.code(303).redirect(`/admin/test-clocks/${request.params.id}`);
    },
  );

  app.post<Params>(
    '/admin/test-clocks/:id/delete',
    { preHandler: requireRole('support') },
    async (request, reply) => {
      try {
        const clock = await getTestClock(services.db, request.params.id);
        await deleteTestClock(services.testClocks, clock.id, actorOf(request));
        setFlash(reply, {
          kind: 'success',
          text: `${clock.name} deleted. Its customers stay, frozen at ${formatDateTime(clock.frozenAt)}.`,
        });
      } catch (error) {
        return render(request, reply, request.params.id, refusedForm('delete', error, emptyForm.values));
      }
      return reply.code(303).redirect('/admin/test-clocks');
    },
  );
}
