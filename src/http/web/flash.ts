import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Flash {
  kind: 'success' | 'error' | 'info';
  text: string;
}

const cookieName = 'tollgate_flash';

/** Leaves a message for the next page the browser shows (after a redirect). */
export function setFlash(reply: FastifyReply, flash: Flash): void {
  reply.setCookie(cookieName, JSON.stringify(flash), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    maxAge: 60,
  });
}

/** Reads and clears the pending message, if any; a tampered cookie is ignored. */
export function takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | undefined {
  const raw = request.cookies[cookieName];
  if (!raw) return undefined;
  reply.clearCookie(cookieName, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const parsed = JSON.parse(unsigned.value) as Flash;
    return ['success', 'error', 'info'].includes(parsed.kind) && typeof parsed.text === 'string'
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}
