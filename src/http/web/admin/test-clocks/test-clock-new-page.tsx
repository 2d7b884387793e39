import type { FastifyInstance } from 'fastify';
import { createTestClock } from '../../../../modules/test-clocks/index.js';
import { httpStatusByCode } from '../../../errors.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card } from '../../components/detail.js';
import { Field, FormAlert, PostForm, type FormState } from '../../components/form.js';
import { inputFromDate, utcFromInput } from '../../date-time-input.js';
import { setFlash } from '../../flash.js';
import { failedForm, formValues } from '../../form-state.js';
import { formatDateTime } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { testClocksExplained } from './test-clock-labels.js';

function NewTestClockPage(props: { ctx: PageContext; form: FormState }) {
  return (
    <AdminLayout ctx={props.ctx} title="New test clock">
      <Card class="narrow">
        <p class="muted">{testClocksExplained}</p>
        <FormAlert message={props.form.message} />
        <PostForm action="/admin/test-clocks" csrfToken={props.ctx.csrfToken}>
          <Field label="Name" name="name" form={props.form} required maxLength={100} autoFocus />
          <Field
            label="Starts at (UTC)"
            name="frozenAt"
            type="datetime-local"
            form={props.form}
            hint="The clock's first 'now'. Leave empty for the present moment."
          />
          <div class="form-actions">
            <button type="submit" class="button">
              Create test clock
            </button>
            <a href="/admin/test-clocks" class="button secondary">
              Cancel
            </a>
          </div>
        </PostForm>
      </Card>
    </AdminLayout>
  );
}

/** GET /admin/test-clocks/new and POST /admin/test-clocks. */
export function registerTestClockNewRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/test-clocks/new', { preHandler: requireRole('support') }, async (request, reply) => {
    const form = { values: { frozenAt: inputFromDate(services.clock.now()) }, errors: {} };
    return sendPage(
      reply,
      <NewTestClockPage ctx={pageContext(request, reply, services.assets)} form={form} />,
    );
  });

  app.post('/admin/test-clocks', { preHandler: requireRole('support') }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const clock = await createTestClock(
        services.testClocks,
        { name: values['name'] ?? '', frozenAt: utcFromInput(values['frozenAt']) },
        actorOf(request),
      );
      setFlash(reply, {
        kind: 'success',
        text: `${clock.name} created, frozen at ${formatDateTime(clock.frozenAt)}.`,
      });
      return reply.code(303).redirect(`/admin/test-clocks/${clock.id}`);
    } catch (error) {
      const form = failedForm(error, values);
      return sendPage(
        reply,
        <NewTestClockPage ctx={pageContext(request, reply, services.assets)} form={form} />,
        httpStatusByCode[form.code],
      );
    }
  });
}
