import type { FastifyInstance } from 'fastify';
import { logIn, logOut } from '../../../modules/auth/index.js';
import { httpStatusByCode } from '../../errors.js';
import { clearSessionCookie, sessionTokenOf, setSessionCookie } from '../../plugins/session-cookie.js';
import type { AppServices } from '../../services.js';
import { AuthLayout } from '../components/auth-layout.js';
import { Field, FormAlert, PostForm, emptyForm, type FormState } from '../components/form.js';
import { setFlash } from '../flash.js';
import { failedForm, formValues } from '../form-state.js';
import { pageContext, type PageContext } from '../page-context.js';
import { sendPage } from '../render.js';
import { safeNextPath } from '../safe-redirect.js';

function LoginPage(props: { ctx: PageContext; form: FormState; next: string }) {
  return (
    <AuthLayout ctx={props.ctx} title="Sign in" subtitle="Sign in to the Tollgate admin.">
      <FormAlert message={props.form.message} />
      <PostForm action={`/login?next=${encodeURIComponent(props.next)}`} csrfToken={props.ctx.csrfToken}>
        <Field
          label="Email"
          name="email"
          type="email"
          form={props.form}
          required
          autoComplete="username"
          autoFocus
        />
        <Field
          label="Password"
          name="password"
          type="password"
          form={props.form}
          required
          autoComplete="current-password"
        />
        <button type="submit" class="button wide">
          Sign in
        </button>
      </PostForm>
    </AuthLayout>
  );
}

function nextOf(query: unknown): string {
  return safeNextPath((query as Record<string, unknown> | undefined)?.['next']);
}

/** GET/POST /login and POST /logout. */
export function registerLoginRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/login', async (request, reply) => {
    if (request.auth) return reply.redirect(nextOf(request.query));
    return sendPage(
      reply,
      <LoginPage
        ctx={pageContext(request, reply, services.assets)}
        form={emptyForm}
        next={nextOf(request.query)}
      />,
    );
  });

  app.post('/login', { config: { rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request, reply) => {
    const values = formValues(request.body);
    const next = nextOf(request.query);
    try {
      const result = await logIn(
        services.auth,
        { email: values['email'] ?? '', password: values['password'] ?? '' },
        {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          previousToken: sessionTokenOf(request),
        },
      );
      setSessionCookie(request, reply, services.config, result.token);
      return reply.code(303).redirect(next);
    } catch (error) {
      const form = failedForm(error, values);
      return sendPage(
        reply,
        <LoginPage ctx={pageContext(request, reply, services.assets)} form={form} next={next} />,
        httpStatusByCode[form.code],
      );
    }
  });

  app.post('/logout', async (request, reply) => {
    const token = sessionTokenOf(request);
    if (token) await logOut(services.auth, token, request.ip);
    clearSessionCookie(reply);
    setFlash(reply, { kind: 'info', text: 'You have been signed out.' });
    return reply.code(303).redirect('/login');
  });
}
