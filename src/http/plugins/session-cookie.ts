import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../lib/config.js';

export const sessionCookieName = 'tollgate_session';

/** HttpOnly, SameSite=Lax, and Secure whenever Tollgate is reached over https. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  config: Config,
  token: string,
): void {
  reply.setCookie(sessionCookieName, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.baseUrl.startsWith('https:') || request.protocol === 'https',
    maxAge: config.sessionMaxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName, { path: '/' });
}

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  return request.cookies[sessionCookieName] || undefined;
}
