import type { FastifyInstance } from 'fastify';
import { createCustomer } from '../../../../modules/customers/index.js';
import { listTestClocks, type TestClock } from '../../../../modules/test-clocks/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card } from '../../components/detail.js';
import { FormAlert, PostForm, SelectField, type FormState } from '../../components/form.js';
import { setFlash } from '../../flash.js';
import { failedForm, formValues } from '../../form-state.js';
import { formatDateTime } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { CustomerFields } from './customer-fields.js';
import { customerInputFrom } from './customer-form-values.js';

/** Attaching a customer to a test clock happens here or never: its time is the clock's for life. */
function TestClockField(props: { form: FormState; clocks: TestClock[] }) {
  if (props.clocks.length === 0) return null;
  return (
    <SelectField
      label="Sandbox: attach to test clock"
      name="testClockId"
      form={props.form}
      options={[
        { value: '', label: 'No — a real customer, on real time' },
        ...props.clocks.map((clock) => ({
          value: clock.id,
          label: `${clock.name} (now ${formatDateTime(clock.frozenAt)})`,
        })),
      ]}
      hint="For trying billing out: the customer lives at the clock's time, which you advance by hand. It cannot be changed later."
    />
  );
}

function NewCustomerPage(props: { ctx: PageContext; form: FormState; clocks: TestClock[] }) {
  return (
    <AdminLayout ctx={props.ctx} title="New customer">
      <Card class="wide">
        <FormAlert message={props.form.message} />
        <PostForm action="/admin/customers" csrfToken={props.ctx.csrfToken}>
          <CustomerFields form={props.form} />
          <TestClockField form={props.form} clocks={props.clocks} />
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
  app.get<{ Querystring: { testClockId?: string } }>(
    '/admin/customers/new',
    { preHandler: requireRole('support') },
    async (request, reply) => {
      // A test clock's page links here with its id, to add a customer to it.
      const form = { values: { testClockId: request.query.testClockId ?? '' }, errors: {} };
      return sendPage(
        reply,
        <NewCustomerPage
          ctx={pageContext(request, reply, services.assets)}
          form={form}
          clocks={await listTestClocks(services.db)}
        />,
      );
    },
  );

  app.post('/admin/customers', { preHandler: requireRole('support') }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const customer = await createCustomer(
        services.customers,
        { ...customerInputFrom(values), testClockId: values['testClockId'] || null },
        actorOf(request),
      );
      setFlash(reply, { kind: 'success', text: `${customer.name} added.` });
      return reply.code(303).redirect(`/admin/customers/${customer.id}`);
    } catch (error) {
      const form = failedForm(error, values);
      return sendPage(
        reply,
        <NewCustomerPage
          ctx={pageContext(request, reply, services.assets)}
          form={form}
          clocks={await listTestClocks(services.db)}
        />,
        form.code === 'conflict' ? 409 : 422,
      );
    }
  });
}
