import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../services.js';

/**
 * A customer's referral link, /r/<code>. It records nothing yet and sends the visitor to the
 * public address; checkout will read the code from here when it exists.
 */
export function registerReferralLinkRoute(app: FastifyInstance, services: AppServices): void {
  app.get('/r/:code', async (_request, reply) => reply.redirect(services.config.baseUrl));
}
