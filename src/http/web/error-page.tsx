import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../lib/app-error.js';
import type { AssetUrls } from '../assets.js';
import { AdminLayout } from './components/admin-layout.js';
import { AuthLayout } from './components/auth-layout.js';
import { pageContext } from './page-context.js';
import { sendPage } from './render.js';

const titles: Partial<Record<AppError['code'], string>> = {
  not_found: 'Page not found',
  forbidden: 'Not allowed',
  csrf_invalid: 'Form expired',
  rate_limited: 'Slow down',
  internal: 'Something went wrong',
};

/** The page a browser sees for an error: inside the admin shell when signed in. */
export function sendErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  assets: AssetUrls,
  error: AppError,
  status: number,
) {
  const ctx = pageContext(request, reply, assets);
  const title = titles[error.code] ?? 'Request refused';
  const body = (
    <div class="error-page">
      <p>{error.userMessage}</p>
      <a class="button secondary" href={ctx.user ? '/admin' : '/login'}>
        {ctx.user ? 'Back to the dashboard' : 'Go to sign-in'}
      </a>
    </div>
  );
  const page = ctx.user ? (
    <AdminLayout ctx={ctx} title={title}>
      {body}
    </AdminLayout>
  ) : (
    <AuthLayout ctx={ctx} title={title}>
      {body}
    </AuthLayout>
  );
  return sendPage(reply, page, status);
}
