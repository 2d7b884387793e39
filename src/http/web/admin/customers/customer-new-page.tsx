import type { FastifyInstance } from 'fastify';
import { createCustomer } from '../../../../modules/customers/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card } from '../../components/detail.js';
import { FormAlert, PostForm, emptyForm, type FormState } from '../../components/form.js';
import { setFlash } from '../../flash.js';
import { failedForm, formValues } from '../../form-state.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { CustomerFields } from './customer-fields.js';
import { customerInputFrom } from './customer-form-values.js';

function NewCustomerPage(props: { ctx: PageContext; form: FormState }) {
  return (
    <AdminLayout ctx={props.ctx} title="New customer">
      <Card class="wide">
        <FormAlert message={props.form.message} />
        <PostForm action="/admin/customers" csrfToken={props.ctx.csrfToken}>
          <CustomerFields form={props.form} />
          <div class="form-actions">
            <button type="submit" class="button">
              Create customer
            </button>
            <a href="/admin/customers" class="button secondary">
              Cancel
            </a>
          </div>
        </PostForm>
      </Card>
    </AdminLayout>
  );
}

/** GET /admin/customers/new and POST /admin/customers. */
export function registerCustomerNewRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/customers/new', { preHandler: requireRole('support') }, async (request, reply) => {
    return sendPage(
      reply,
      <NewCustomerPage ctx={pageContext(request, reply, services.assets)} form={emptyForm} />,
    );
  });

  app.post('/admin/customers', { preHandler: requireRole('support') }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const customer = await createCustomer(services.customers, customerInputFrom(values), actorOf(request));
      setFlash(reply, { kind: 'success', text: `${customer.name} added.` });
      return reply.code(303).redirect(`/admin/customers/${customer.id}`);
    } catch (error) {
      const form = failedForm(error, values);
      return sendPage(
        reply,
        <NewCustomerPage ctx={pageContext(request, reply, services.assets)} form={form} />,
        form.code === 'conflict' ? 409 : 422,
      );
    }
  });
}
