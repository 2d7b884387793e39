import type { FastifyInstance } from 'fastify';
import { getStaffUser, roleAtLeast, updateStaffUser, type StaffUser } from '../../../modules/auth/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { AdminLayout } from '../components/admin-layout.js';
import { Badge, Card, DetailHeader, Facts } from '../components/detail.js';
import { Field, FormAlert, PostForm, SelectField, emptyForm, type FormState } from '../components/form.js';
import { TimelineCard, type TimelineItem } from '../components/timeline.js';
import { setFlash } from '../flash.js';
import { failedForm, formValues } from '../form-state.js';
import { formatDateTime } from '../format.js';
import { pageContext, type PageContext } from '../page-context.js';
import { sendPage } from '../render.js';
import { auditTimeline } from './audit-timeline.js';
import { assignableRoles } from './role-options.js';

function StaffDetailPage(props: {
  ctx: PageContext;
  user: StaffUser;
  timeline: TimelineItem[];
  form: FormState;
}) {
  const { ctx, user, form } = props;
  const canManage = ctx.user !== null && roleAtLeast(ctx.user.role, 'admin') && ctx.user.id !== user.id;
  const statusForm = canManage && (
    <PostForm action={`/admin/team/${user.id}/status`} csrfToken={ctx.csrfToken} class="inline-form">
      <input type="hidden" name="disabled" value={user.disabledAt ? 'false' : 'true'} />
      <button type="submit" class={user.disabledAt ? 'button secondary' : 'button danger'}>
        {user.disabledAt ? 'Enable account' : 'Disable account'}
      </button>
    </PostForm>
  );
  return (
    <AdminLayout ctx={ctx} title="Staff member">
      <DetailHeader
        title={user.name}
        subtitle={user.email}
        badges={
          <>
            <Badge kind={`role-${user.role}`}>{user.role}</Badge>{' '}
            {user.disabledAt ? <Badge kind="bad">disabled</Badge> : <Badge kind="ok">active</Badge>}
          </>
        }
        actions={statusForm}
      />
      <div class="grid-2">
        <div class="stack">
          <Card title="Details">
            <Facts
              items={[
                ['Added', formatDateTime(user.createdAt)],
                ['Last sign-in', formatDateTime(user.lastLoginAt)],
                ['Disabled', user.disabledAt ? formatDateTime(user.disabledAt) : 'No'],
              ]}
            />
          </Card>
          {canManage && ctx.user && (
            <Card title="Edit">
              <FormAlert message={form.message} />
              <PostForm action={`/admin/team/${user.id}`} csrfToken={ctx.csrfToken}>
                <Field label="Name" name="name" value={user.name} form={form} required />
                <SelectField
                  label="Role"
                  name="role"
                  options={assignableRoles(ctx.user.role)}
                  value={user.role}
                  form={form}
                />
                <button type="submit" class="button">
                  Save changes
                </button>
              </PostForm>
            </Card>
          )}
        </div>
        <TimelineCard items={props.timeline} />
      </div>
    </AdminLayout>
  );
}

/** GET /admin/team/:id with its timeline; POST to edit name/role or to disable/enable. */
export function registerTeamDetailRoutes(app: FastifyInstance, services: AppServices): void {
  const render = async (
    request: Parameters<typeof pageContext>[0],
    reply: Parameters<typeof pageContext>[1],
    id: string,
    form: FormState,
    status = 200,
  ) => {
    const [user, timeline] = await Promise.all([
      getStaffUser(services.db, id),
      auditTimeline(services.db, 'user', id),
    ]);
    return sendPage(
      reply,
      <StaffDetailPage
        ctx={pageContext(request, reply, services.assets)}
        user={user}
        timeline={timeline}
        form={form}
      />,
      status,
    );
  };

  app.get<{ Params: { id: string } }>(
    '/admin/team/:id',
    { preHandler: requireRole('viewer') },
    async (request, reply) => {
      return render(request, reply, request.params.id, emptyForm);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/admin/team/:id',
    { preHandler: requireRole('admin') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        await updateStaffUser(
          services.auth,
          request.params.id,
          { name: values['name'], role: values['role'] as never },
          actorOf(request),
        );
      } catch (error) {
        const form = failedForm(error, values);
        if (form.code === 'not_found') throw error;
        return render(request, reply, request.params.id, form, form.code === 'forbidden' ? 403 : 422);
      }
      setFlash(reply, { kind: 'success', text: 'Changes saved.' });
      return reply.code(303).redirect(`/admin/team/${request.params.id}`);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/admin/team/:id/status',
    { preHandler: requireRole('admin') },
    async (request, reply) => {
      const disabled = formValues(request.body)['disabled'] === 'true';
      try {
        await updateStaffUser(services.auth, request.params.id, { disabled }, actorOf(request));
        setFlash(reply, {
          kind: 'success',
          text: disabled ? 'Account disabled; their sessions have ended.' : 'Account enabled.',
        });
      } catch (error) {
        const form = failedForm(error, {});
        if (form.code === 'not_found') throw error;
        setFlash(reply, { kind: 'error', text: form.message ?? 'That change was refused.' });
      }
      return reply.code(303).redirect(`/admin/team/${request.params.id}`);
    },
  );
}
