import type { FastifyInstance } from 'fastify';
import { validationError } from '../../../lib/app-error.js';
import { createOwner, isSetupDone, minimumPasswordLength } from '../../../modules/auth/index.js';
import type { AppServices } from '../../services.js';
import { AuthLayout } from '../components/auth-layout.js';
import { Field, FormAlert, PostForm, emptyForm, type FormState } from '../components/form.js';
import { setFlash } from '../flash.js';
import { failedForm, formValues } from '../form-state.js';
import { pageContext, type PageContext } from '../page-context.js';
import { sendPage } from '../render.js';

function SetupPage(props: { ctx: PageContext; form: FormState }) {
  const { errors } = props.form;
  return (
    <AuthLayout
      ctx={props.ctx}
      title="Welcome to Tollgate"
      subtitle="Create the owner account. The owner can do everything, including adding the rest of your team."
    >
      <FormAlert
        message={Object.keys(errors).length ? 'Please correct the fields below.' : props.form.message}
      />
      <PostForm action="/setup" csrfToken={props.ctx.csrfToken}>
        <Field label="Your name" name="name" form={props.form} required autoComplete="name" autoFocus />
        <Field label="Email" name="email" type="email" form={props.form} required autoComplete="email" />
        <Field
          label="Password"
          name="password"
          type="password"
          form={props.form}
          required
          autoComplete="new-password"
          hint={`At least ${minimumPasswordLength} characters. A few unrelated words make a strong, memorable passphrase.`}
        />
        <Field
          label="Repeat password"
          name="passwordConfirmation"
          type="password"
          form={props.form}
          required
          autoComplete="new-password"
        />
        <button type="submit" class="button wide">
          Create owner account
        </button>
      </PostForm>
    </AuthLayout>
  );
}

/** GET/POST /setup: the first-run wizard; refused for good once an owner exists. */
export function registerSetupRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/setup', async (request, reply) => {
    if (await isSetupDone(services.auth)) return reply.redirect('/login');
    return sendPage(reply, <SetupPage ctx={pageContext(request, reply, services.assets)} form={emptyForm} />);
  });

  app.post('/setup', async (request, reply) => {
    const values = formValues(request.body);
    try {
      if (values['password'] !== values['passwordConfirmation']) {
        throw validationError({ passwordConfirmation: 'does not match the password' });
      }
      await createOwner(
        services.auth,
        { name: values['name'] ?? '', email: values['email'] ?? '', password: values['password'] ?? '' },
        request.ip,
      );
    } catch (error) {
      const form = failedForm(error, values);
      if (form.code === 'setup_already_done') {
        setFlash(reply, { kind: 'info', text: form.message ?? 'Tollgate is already set up.' });
        return reply.code(303).redirect('/login');
      }
      return sendPage(
        reply,
        <SetupPage ctx={pageContext(request, reply, services.assets)} form={form} />,
        422,
      );
    }
    setFlash(reply, { kind: 'success', text: 'Owner account created. Sign in to continue.' });
    return reply.code(303).redirect('/login');
  });
}
