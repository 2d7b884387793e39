import type { FastifyInstance } from 'fastify';
import { getCustomer, updateCustomer, type Customer } from '../../../../modules/customers/index.js';
import { httpStatusByCode } from '../../../errors.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card } from '../../components/detail.js';
import { FormAlert, PostForm, type FormState } from '../../components/form.js';
import { setFlash } from '../../flash.js';
import { failedForm, formValues } from '../../form-state.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { CustomerFields } from './customer-fields.js';
import { customerInputFrom } from './customer-form-values.js';

function EditCustomerPage(props: { ctx: PageContext; customer: Customer; form: FormState }) {
  const { customer } = props;
  return (
    <AdminLayout ctx={props.ctx} title={`Edit ${customer.name}`}>
      <Card class="wide">
        <FormAlert message={props.form.message} />
        <PostForm action={`/admin/customers/${customer.id}`} csrfToken={props.ctx.csrfToken}>
          <CustomerFields form={props.form} customer={customer} />
          <div class="form-actions">
            <button type="submit" class="button">
              Save changes
            </button>
            <a href={`/admin/customers/${customer.id}`} class="button secondary">
              Cancel
            </a>
          </div>
        </PostForm>
      </Card>
    </AdminLayout>
  );
}

/** GET /admin/customers/:id/edit and POST /admin/customers/:id. */
export function registerCustomerEditRoutes(app: FastifyInstance, services: AppServices): void {
  app.get<{ Params: { id: string } }>(
    '/admin/customers/:id/edit',
    { preHandler: requireRole('support') },
    async (request, reply) => {
      const customer = await getCustomer(services.db, request.params.id);
      return sendPage(
        reply,
        <EditCustomerPage
          ctx={pageContext(request, reply, services.assets)}
          customer={customer}
          // A checkbox shows what the form's values say (see CheckboxField); the rest fall back to the record.
          form={{ values: customer.taxExempt ? { taxExempt: 'true' } : {}, errors: {} }}
        />,
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/admin/customers/:id',
    { preHandler: requireRole('support') },
    async (request, reply) => {
      const values = formValues(request.body);
      try {
        await updateCustomer(
          services.customers,
          request.params.id,
          customerInputFrom(values),
          actorOf(request),
        );
      } catch (error) {
        const form = failedForm(error, values);
        if (form.code === 'not_found') throw error;
        const customer = await getCustomer(services.db, request.params.id);
        return sendPage(
          reply,
          <EditCustomerPage
            ctx={pageContext(request, reply, services.assets)}
            customer={customer}
            form={form}
          />,
          httpStatusByCode[form.code],
        );
      }
      setFlash(reply, { kind: 'success', text: 'Changes saved.' });
      return reply.code(303).redirect(`/admin/customers/${request.params.id}`);
    },
  );
}
