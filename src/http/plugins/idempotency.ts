import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { validationError, AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { sha256Hex } from '../../lib/crypto.js';
import type { Db } from '../../lib/db/database.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
} from '../../modules/system/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when this request is the first with its Idempotency-Key, so its answer gets stored. */
    idempotencyClaim: { actor: string; key: string } | null;
  }
}

const keyPattern = /^[\x21-\x7e]{1,255}$/;

function keyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !keyPattern.test(header)) {
    throw validationError({ 'Idempotency-Key': 'must be 1 to 255 visible ASCII characters, e.g. a UUID' });
  }
  return header;
}

/**
 * Every POST of the API accepts an Idempotency-Key header: the first request with a key runs and
 * its answer is stored for 24 hours (per staff user); a repeat gets that same answer, marked with
 * `Idempotent-Replayed: true`, and changes nothing. Failures on our side (5xx) are not stored, so
 * a retry runs again. The check runs after the route's guard, so a refused request claims nothing.
 */
export function registerIdempotency(app: FastifyInstance, db: Db, clock: Clock): void {
  app.decorateRequest('idempotencyClaim', null);

  const claimKey: preHandlerAsyncHookHandler = async (request, reply) => {
    const key = keyOf(request);
    if (key === undefined || !request.auth) return;
    const actor = request.auth.user.id;
    const requestHash = sha256Hex(
      `${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`,
    );
    const result = await claimIdempotencyKey(db, { actor, key, requestHash, now: clock.now() });
    switch (result.kind) {
      case 'first':
        request.idempotencyClaim = { actor, key };
        return;
      case 'replay':
        if (result.contentType) reply.type(result.contentType);
        return reply.code(result.status).header('idempotent-replayed', 'true').send(result.body);
      case 'in_flight':
        throw new AppError(
          'conflict',
          'A request with this Idempotency-Key is still being processed; retry shortly.',
        );
      case 'different_request':
        throw validationError({ 'Idempotency-Key': 'was already used for a different request' });
    }
  };

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST') || !route.url.startsWith('/api/v1/')) return;
    const existing = route.preHandler
      ? Array.isArray(route.preHandler)
        ? route.preHandler
        : [route.preHandler]
      : [];
    route.preHandler = [...existing, claimKey];
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    if (reply.statusCode >= 500) {
      await releaseIdempotencyKey(db, claim);
    } else {
      const body =
        typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
      const contentType = reply.getHeader('content-type');
      await completeIdempotencyKey(db, claim, {
        status: reply.statusCode,
        body,
        contentType: typeof contentType === 'string' ? contentType : null,
      });
    }
    return payload;
  });
}
