import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import {
  getTaxRate,
  setTaxRateArchived,
  updateTaxRate,
  type TaxRate,
} from '../../../../modules/taxes/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { taxesContextOf } from '../../../taxes-context.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { ArchiveToggle } from '../../components/archive-toggle.js';
import { Badge, Card, DetailHeader, Facts } from '../../components/detail.js';
import { Field, FormAlert, PostForm } from '../../components/form.js';
import { TimelineCard, type TimelineItem } from '../../components/timeline.js';
import { setFlash } from '../../flash.js';
import { formStateOf, formValues, refusedForm, refusedStatus, type RefusedForm } from '../../form-state.js';
import { formatDateTime } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { auditTimeline } from '../audit-timeline.js';
import { appliedLabel, fixedExplained, percentLabel, placeLabel } from './tax-rate-labels.js';

type FailedForm = RefusedForm<'name' | 'status'>;

interface DetailProps {
  ctx: PageContext;
  rate: TaxRate;
  timeline: TimelineItem[];
  failed?: FailedForm | undefined;
}

function TaxRateDetailPage(props: DetailProps) {
  const { ctx, rate } = props;
  const canManage = ctx.user !== null && roleAtLeast(ctx.user.role, 'manager');
  const nameForm = formStateOf(props.failed, 'name');
  const statusForm = formStateOf(props.failed, 'status');
  const statusAction = canManage && (
    <ArchiveToggle
      path={`/admin/taxes/${rate.id}`}
      csrfToken={ctx.csrfToken}
      archived={rate.archivedAt !== null}
      noun="tax rate"
    />
  );
  return (
    <AdminLayout ctx={ctx} title="Tax rate">
      <nav class="breadcrumb muted" aria-label="Breadcrumb">
        <a href="/admin/taxes">Tax rates</a> / <span aria-current="page">{rate.name}</span>
      </nav>
      <DetailHeader
        title={rate.name}
        subtitle={`${percentLabel(rate)} · ${placeLabel(rate)}`}
        badges={rate.archivedAt ? <Badge kind="warn">archived</Badge> : <Badge kind="ok">active</Badge>}
        actions={statusAction}
      />
      <FormAlert message={statusForm.message} />
      <div class="grid-2">
        <div class="stack">
          <Card title="Details">
            <Facts
              items={[
                ['Country', `${placeLabel({ ...rate, region: null })} (${rate.country})`],
                ['Region', rate.region ?? 'the whole country'],
                ['Rate', percentLabel(rate)],
                ['Prices', appliedLabel(rate)],
                ['Created', formatDateTime(rate.createdAt)],
                ['Archived', rate.archivedAt ? formatDateTime(rate.archivedAt) : 'No'],
              ]}
            />
            <p class="muted">{fixedExplained}</p>
          </Card>
          {canManage && (
            <Card title="Name">
              <div id="tax-rate-name" class="form-anchor">
                <FormAlert message={nameForm.message} />
                <PostForm action={`/admin/taxes/${rate.id}#tax-rate-name`} csrfToken={ctx.csrfToken}>
                  <Field
                    label="Name"
                    name="name"
                    value={rate.name}
                    form={nameForm}
                    required
                    maxLength={120}
                  />
                  <div class="form-actions">
                    <button type="submit" class="button">
                      Rename
                    </button>
                  </div>
                </PostForm>
              </div>
            </Card>
          )}
        </div>
        <TimelineCard items={props.timeline} />
      </div>
    </AdminLayout>
  );
}

/** GET /admin/taxes/:id and its actions: rename, archive/restore. */
export function registerTaxRateDetailRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { id: string } };
  const ctx = taxesContextOf(services);
  const render = async (request: FastifyRequest, reply: FastifyReply, id: string, failed?: FailedForm) => {
    // One after the other: a missing rate is a 404 before the audit log is read.
    const rate = await getTaxRate(services.db, id);
    const timeline = await auditTimeline(services.db, 'tax_rate', id);
    return sendPage(
      reply,
      <TaxRateDetailPage
        ctx={pageContext(request, reply, services.assets)}
        rate={rate}
        timeline={timeline}
        failed={failed}
      />,
      refusedStatus(failed),
    );
  };
  const back = (request: FastifyRequest<Params>, reply: FastifyReply) =>
    reply.code(303).redirect(`/admin/taxes/${request.params.id}`);

  app.get<Params>('/admin/taxes/:id', { preHandler: requireRole('viewer') }, async (request, reply) =>
    render(request, reply, request.params.id),
  );

  app.post<Params>('/admin/taxes/:id', { preHandler: requireRole('manager') }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      await updateTaxRate(ctx, request.params.id, { name: values['name'] ?? '' }, actorOf(request));
    } catch (error) {
      return render(request, reply, request.params.id, refusedForm('name', error, values));
    }
    setFlash(reply, { kind: 'success', text: 'Name saved.' });
    return back(request, reply);
  });

  app.post<Params>(
    '/admin/taxes/:id/status',
    { preHandler: requireRole('manager') },
    async (request, reply) => {
      const values = formValues(request.body);
      const archived = values['archived'] === 'true';
      try {
        await setTaxRateArchived(ctx, request.params.id, archived, actorOf(request));
      } catch (error) {
        return render(request, reply, request.params.id, refusedForm('status', error, values));
      }
      setFlash(reply, { kind: 'success', text: archived ? 'Tax rate archived.' : 'Tax rate restored.' });
      return back(request, reply);
    },
  );
}
