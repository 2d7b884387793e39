import type { FastifyInstance } from 'fastify';
import { changePassword, minimumPasswordLength, setTheme } from '../../../modules/auth/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import { actorOf, sessionOf } from '../../request-auth.js';
import type { AppServices } from '../../services.js';
import { AdminLayout } from '../components/admin-layout.js';
import { Badge, Card, Facts } from '../components/detail.js';
import { Field, FormAlert, PostForm, emptyForm, type FormState } from '../components/form.js';
import { setFlash } from '../flash.js';
import { failedForm, formValues } from '../form-state.js';
import { pageContext, type PageContext } from '../page-context.js';
import { sendPage } from '../render.js';
import { safeNextPath } from '../safe-redirect.js';

function AccountPage(props: { ctx: PageContext; form: FormState }) {
  const { ctx, form } = props;
  const user = ctx.user;
  return (
    <AdminLayout ctx={ctx} title="Account">
      <div class="grid-2">
        <Card title="You">
          {user && (
            <Facts
              items={[
                ['Name', user.name],
                ['Email', user.email],
                ['Role', <Badge kind={`role-${user.role}`}>{user.role}</Badge>],
                ['Theme', user.theme ?? 'follows your device'],
              ]}
            />
          )}
        </Card>
        <Card title="Change password">
          <FormAlert message={form.message} />
          <PostForm action="/admin/account/password" csrfToken={ctx.csrfToken}>
            <Field
              label="Current password"
              name="currentPassword"
              type="password"
              form={form}
              required
              autoComplete="current-password"
            />
            <Field
              label="New password"
              name="newPassword"
              type="password"
              form={form}
              required
              autoComplete="new-password"
              hint={`At least ${minimumPasswordLength} characters. Your other sessions will be signed out.`}
            />
            <button type="submit" class="button">
              Change password
            </button>
          </PostForm>
        </Card>
      </div>
    </AdminLayout>
  );
}

/** GET /admin/account, POST /admin/account/password and POST /admin/preferences/theme. */
export function registerAccountRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/account', { preHandler: requireRole('viewer') }, async (request, reply) => {
    return sendPage(
      reply,
      <AccountPage ctx={pageContext(request, reply, services.assets)} form={emptyForm} />,
    );
  });

  app.post('/admin/account/password', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const values = formValues(request.body);
    const session = sessionOf(request);
    try {
      await changePassword(
        services.auth,
        session.user.id,
        session.sessionId,
        { currentPassword: values['currentPassword'] ?? '', newPassword: values['newPassword'] ?? '' },
        actorOf(request),
      );
    } catch (error) {
      return sendPage(
        reply,
        <AccountPage ctx={pageContext(request, reply, services.assets)} form={failedForm(error, values)} />,
        422,
      );
    }
    setFlash(reply, { kind: 'success', text: 'Password changed. Your other sessions have been signed out.' });
    return reply.code(303).redirect('/admin/account');
  });

  // A personal preference, so every role may set it (it changes nobody else's data).
  app.post('/admin/preferences/theme', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const theme = await setTheme(
      services.auth,
      sessionOf(request).user.id,
      formValues(request.body),
      actorOf(request),
    );
    if (request.headers['hx-request']) return { theme };
    return reply.code(303).redirect(safeNextPath(URL.parse(request.headers.referer ?? '')?.pathname));
  });
}
