import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import {
  allowedSubscriptionActions,
  applySubscriptionAction,
  plainActions,
  type SubscriptionAction,
  type SubscriptionState,
} from '../../../../modules/subscriptions/index.js';
import { httpStatusByCode } from '../../../errors.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Badge, Card, DetailHeader } from '../../components/detail.js';
import { Field, FormAlert, PostForm, SelectField, emptyForm, type FormState } from '../../components/form.js';
import { Timeline } from '../../components/timeline.js';
import { setFlash } from '../../flash.js';
import { failedForm, formValues } from '../../form-state.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { AddonLinesCard } from './addon-lines-card.js';
import type { ChangeView } from './change-form.js';
import { ChangesCard, shownChangeKinds } from './changes-card.js';
import { PendingChargesCard } from './pending-charges-card.js';
import { SubscriptionDetailsCard } from './subscription-details-card.js';
import { loadSubscriptionPage, type SubscriptionPageData } from './subscription-page-data.js';
import { StateBadge, actionLabel } from './subscription-labels.js';

/** What the page shows besides the subscription: a refused state action, or the change form last submitted. */
export interface SubscriptionPageView {
  actionForm?: FormState;
  change?: ChangeView;
}

/**
 * The state-machine moves allowed now that have no previewed form of their own (convert a trial,
 * suspend, expire …); pause, resume, cancel and reactivate have forms with their options.
 */
function allowedPlainActions(state: SubscriptionState): SubscriptionAction[] {
  return allowedSubscriptionActions(state).filter((action) =>
    (plainActions as readonly SubscriptionAction[]).includes(action),
  );
}

function StateActionCard(props: { ctx: PageContext; data: SubscriptionPageData; form: FormState }) {
  const { ctx, form } = props;
  const { subscription } = props.data;
  return (
    <Card title="Other state changes">
      <FormAlert message={form.message} />
      <PostForm action={`/admin/subscriptions/${subscription.id}/actions`} csrfToken={ctx.csrfToken}>
        <div class="form-row">
          <SelectField
            label="Action"
            name="action"
            form={form}
            options={allowedPlainActions(subscription.state).map((action) => ({
              value: action,
              label: actionLabel(action),
            }))}
          />
          <Field label="Reason" name="reason" form={form} required hint="Shown in the timeline." />
        </div>
        <button type="submit" class="button">
          Apply
        </button>
      </PostForm>
    </Card>
  );
}

function SubscriptionPage(props: {
  ctx: PageContext;
  data: SubscriptionPageData;
  view: SubscriptionPageView;
}) {
  const { ctx, data, view } = props;
  const { subscription, customer, plan } = data;
  const canAct = ctx.user !== null && roleAtLeast(ctx.user.role, 'support');
  const change = view.change;
  // A refused change without a form on the page (the Undo button) says why at the top.
  const orphanRefusal =
    change?.refused && !shownChangeKinds(data, change).some((kind) => kind.key === change.key)
      ? change.refused.message
      : undefined;
  return (
    <AdminLayout ctx={ctx} title="Subscription">
      <nav class="breadcrumb muted" aria-label="Breadcrumb">
        <a href={`/admin/customers/${customer.id}`}>{customer.name}</a> / subscription
      </nav>
      <DetailHeader
        title={`${plan.product.name} · ${plan.name}`}
        subtitle={customer.email}
        badges={
          <>
            <StateBadge state={subscription.state} />
            {subscription.testClockId && <Badge kind="info">sandbox</Badge>}
          </>
        }
      />
      <FormAlert message={orphanRefusal} />
      <div class="grid-2">
        <div class="stack">
          <SubscriptionDetailsCard data={data} csrfToken={ctx.csrfToken} canAct={canAct} />
          <AddonLinesCard data={data} />
          <PendingChargesCard data={data} />
        </div>
        <div class="stack">
          {canAct && <ChangesCard data={data} csrfToken={ctx.csrfToken} view={change} />}
          {canAct && allowedPlainActions(subscription.state).length > 0 && (
            <StateActionCard ctx={ctx} data={data} form={view.actionForm ?? emptyForm} />
          )}
          <Card title="Timeline">
            <Timeline
              items={subscription.transitions.map((step) => ({
                at: step.occurredAt,
                title:
                  step.fromState === null
                    ? `Started as ${step.toState}`
                    : step.fromState === step.toState
                      ? actionLabel(step.action)
                      : `${actionLabel(step.action)}: ${step.fromState} → ${step.toState}`,
                actor: step.actorLabel,
                detail: step.reason,
              }))}
            />
          </Card>
        </div>
      </div>
    </AdminLayout>
  );
}

/** Sends the subscription page, with a preview or a refusal when `view` carries one. */
export async function renderSubscriptionPage(
  services: AppServices,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  view: SubscriptionPageView = {},
  status = 200,
) {
  const data = await loadSubscriptionPage(services, id);
  return sendPage(
    reply,
    <SubscriptionPage ctx={pageContext(request, reply, services.assets)} data={data} view={view} />,
    status,
  );
}

/** GET /admin/subscriptions/:id and POST …/actions: a subscription, its timeline, and moving it by one action. */
export function registerSubscriptionPageRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { id: string } };

  app.get<Params>('/admin/subscriptions/:id', { preHandler: requireRole('viewer') }, async (request, reply) =>
    renderSubscriptionPage(services, request, reply, request.params.id),
  );

  app.post<Params>(
    '/admin/subscriptions/:id/actions',
    { preHandler: requireRole('support') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        const after = await applySubscriptionAction(
          services.subscriptions,
          request.params.id,
          { action: (values['action'] ?? '') as never, reason: values['reason'] ?? '' },
          actorOf(request),
        );
        setFlash(reply, { kind: 'success', text: `Now ${after.state.replace('_', ' ')}.` });
      } catch (error) {
        const form = failedForm(error, values);
        if (form.code === 'not_found') throw error;
        return renderSubscriptionPage(
          services,
          request,
          reply,
          request.params.id,
          { actionForm: form },
          httpStatusByCode[form.code],
        );
      }
      return reply.code(303).redirect(`/admin/subscriptions/${request.params.id}`);
    },
  );
}
