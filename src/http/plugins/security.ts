import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { AppError } from '../../lib/app-error.js';
import { deriveKey } from '../../lib/crypto.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set false on routes that authenticate otherwise (webhook signatures, API keys). */
    csrf?: boolean;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The headers helmet sets, worked out once. They are the same for every response, and building
 * them per request (as the Fastify plugin does, parsing the CSP each time) cost a quarter of the
 * CPU of a busy API.
 */
function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => (headers[name.toLowerCase()] = String(value)),
    removeHeader: () => undefined,
  };
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Pages are same-origin; a strict referrer policy keeps URLs (with ids) out of other sites' logs.
    referrerPolicy: { policy: 'same-origin' },
  })({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}

/** Security headers (strict CSP: only our own scripts and styles), cookies, form bodies and CSRF checks. */
export async function registerSecurity(app: FastifyInstance, secret: string): Promise<void> {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(fastifyCookie, { secret: deriveKey(secret, 'cookie-signing').toString('base64') });
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'tollgate_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: 'auto' },
  });
  // Pages: double-submit CSRF on every state-changing request — the form field `_csrf` or the
  // x-csrf-token header (htmx sends it) must match the signed cookie's secret.
  // API: a JSON body is required instead; browsers cannot send one cross-site without a CORS
  // preflight, which Tollgate never grants, so a forged form post cannot reach the API.
  app.addHook('preHandler', (request, reply, done) => {
    if (!unsafeMethods.has(request.method) || request.routeOptions.config.csrf === false) return done();
    if (request.url.startsWith('/api/')) {
      const isJson = (request.headers['content-type'] ?? '').startsWith('application/json');
      return done(
        isJson || request.method === 'DELETE'
          ? undefined
          : new AppError(
              'csrf_invalid',
              'API writes must send a JSON body (Content-Type: application/json).',
            ),
      );
    }
    app.csrfProtection(request, reply, done);
  });
}
