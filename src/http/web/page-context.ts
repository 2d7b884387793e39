import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionUser } from '../../modules/auth/index.js';
import type { AssetUrls } from '../assets.js';
import { takeFlash, type Flash } from './flash.js';

/** What every page's layout needs: who is looking, the CSRF token for its forms, a pending message. */
export interface PageContext {
  user: SessionUser | null;
  csrfToken: string;
  flash: Flash | undefined;
  assets: AssetUrls;
  path: string;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, assets: AssetUrls): PageContext {
  return {
    user: request.auth?.user ?? null,
    csrfToken: reply.generateCsrf(),
    flash: takeFlash(request, reply),
    assets,
    path: request.url.split('?')[0] ?? '/',
  };
}
