import type { FastifyInstance } from 'fastify';
import { createStaffUser, minimumPasswordLength } from '../../../modules/auth/index.js';
import { actorOf } from '../../request-auth.js';
import { requireRole } from '../../plugins/auth-guard.js';
import type { AppServices } from '../../services.js';
import { AdminLayout } from '../components/admin-layout.js';
import { Card } from '../components/detail.js';
import { Field, FormAlert, PostForm, SelectField, emptyForm, type FormState } from '../components/form.js';
import { setFlash } from '../flash.js';
import { failedForm, formValues } from '../form-state.js';
import { pageContext, type PageContext } from '../page-context.js';
import { sendPage } from '../render.js';
import { assignableRoles } from './role-options.js';

function NewStaffPage(props: { ctx: PageContext; form: FormState }) {
  const roles = props.ctx.user ? assignableRoles(props.ctx.user.role) : [];
  return (
    <AdminLayout ctx={props.ctx} title="Add staff member">
      <Card class="narrow">
        <FormAlert message={props.form.message} />
        <PostForm action="/admin/team" csrfToken={props.ctx.csrfToken}>
          <Field label="Name" name="name" form={props.form} required autoFocus />
          <Field label="Email" name="email" type="email" form={props.form} required />
          <SelectField label="Role" name="role" options={roles} value="viewer" form={props.form} />
          <Field
            label="Initial password"
            name="password"
            type="password"
            form={props.form}
            required
            autoComplete="new-password"
            hint={`At least ${minimumPasswordLength} characters. Share it privately; they can change it under Account.`}
          />
          <div class="form-actions">
            <button type="submit" class="button">
              Add staff member
            </button>
            <a href="/admin/team" class="button secondary">
              Cancel
            </a>
          </div>
        </PostForm>
      </Card>
    </AdminLayout>
  );
}

/** GET /admin/team/new and POST /admin/team: add a staff account. */
export function registerTeamNewRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/team/new', { preHandler: requireRole('admin') }, async (request, reply) => {
    return sendPage(
      reply,
      <NewStaffPage ctx={pageContext(request, reply, services.assets)} form={emptyForm} />,
    );
  });

  app.post('/admin/team', { preHandler: requireRole('admin') }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const user = await createStaffUser(
        services.auth,
        {
          name: values['name'] ?? '',
          email: values['email'] ?? '',
          role: (values['role'] ?? '') as never,
          password: values['password'] ?? '',
        },
        actorOf(request),
      );
      setFlash(reply, { kind: 'success', text: `${user.name} can now sign in as ${user.role}.` });
      return reply.code(303).redirect(`/admin/team/${user.id}`);
    } catch (error) {
      const form = failedForm(error, values);
      if (form.code === 'forbidden') throw error;
      return sendPage(
        reply,
        <NewStaffPage ctx={pageContext(request, reply, services.assets)} form={form} />,
        422,
      );
    }
  });
}
