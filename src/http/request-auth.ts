import type { FastifyRequest } from 'fastify';
import type { ActiveSession, RoleKey } from '../modules/auth/index.js';
import type { Actor } from '../modules/audit/index.js';
import { AppError } from '../lib/app-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff session, or null. */
    auth: ActiveSession | null;
  }
}

/** The signed-in session; throws unauthenticated when there is none (guards run first, so this is a safety net). */
export function sessionOf(request: FastifyRequest): ActiveSession {
  if (!request.auth) throw new AppError('unauthenticated', 'Sign in first.');
  return request.auth;
}

/** The audit actor of a request: who is signed in, from where. */
export function actorOf(request: FastifyRequest): Actor & { role: RoleKey } {
  const { user } = sessionOf(request);
  return { userId: user.id, label: user.email, ip: request.ip, role: user.role };
}
