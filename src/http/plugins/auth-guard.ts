import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { AppError } from '../../lib/app-error.js';
import {
  findSession,
  isSetupDone,
  roleAtLeast,
  type AuthContext,
  type RoleKey,
} from '../../modules/auth/index.js';
import { wantsHtml } from '../errors.js';
import { sessionTokenOf } from './session-cookie.js';

const publicPrefixes = ['/assets/', '/healthz', '/readyz', '/metrics', '/api/openapi.json', '/api/docs'];

function isPublicPath(url: string): boolean {
  return publicPrefixes.some((prefix) => url.startsWith(prefix));
}

/**
 * Loads the session behind the cookie into request.auth, and sends every page to the first-run
 * wizard until an owner exists. Setup only ever goes from not done to done, so once seen done
 * it is remembered and costs no query.
 */
export function registerSessionLoading(app: FastifyInstance, auth: AuthContext): void {
  let setupDone = false;
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request, reply) => {
    if (isPublicPath(request.url)) return;
    const token = sessionTokenOf(request);
    if (token) request.auth = (await findSession(auth, token)) ?? null;
    if (setupDone) return;
    setupDone = await isSetupDone(auth);
    if (!setupDone && !request.url.startsWith('/setup') && !request.url.startsWith('/api/')) {
      return reply.redirect('/setup');
    }
  });
}

function refuseAnonymous(request: FastifyRequest, reply: FastifyReply) {
  if (wantsHtml(request) && request.method === 'GET') {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
  }
  throw new AppError('unauthenticated', 'Sign in first.');
}

/** A route guard: the request must come from a signed-in staff member with at least `minimum` role. */
export function requireRole(minimum: RoleKey): preHandlerAsyncHookHandler {
  return async function guard(request, reply) {
    if (!request.auth) return refuseAnonymous(request, reply);
    if (!roleAtLeast(request.auth.user.role, minimum)) {
      throw new AppError('forbidden', `This needs the ${minimum} role or higher.`);
    }
  };
}
