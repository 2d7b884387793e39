import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { AppError } from './lib/app-error.js';
import type { Clock } from './lib/clock.js';
import type { Config } from './lib/config.js';
import type { Database } from './lib/db/database.js';
import type { JobQueue } from './lib/jobs.js';
import type { Logger } from './lib/logger.js';
import { registerAssets } from './http/assets.js';
import { errorBody, httpStatusByCode, toAppError, wantsHtml } from './http/errors.js';
import { registerHealthRoutes } from './http/health.js';
import { registerSessionLoading } from './http/plugins/auth-guard.js';
import { registerIdempotency } from './http/plugins/idempotency.js';
import { registerMetrics } from './http/plugins/metrics.js';
import { registerOpenApi } from './http/plugins/openapi.js';
import { registerSecurity } from './http/plugins/security.js';
import { registerRoutes } from './http/routes.js';
import type { AppServices } from './http/services.js';
import { sendErrorPage } from './http/web/error-page.js';
import { createAuthContext } from './modules/auth/index.js';
import { createRateLimitStore } from './modules/system/index.js';
import { allDueWork } from './due-work.js';
import { settlementListeners } from './settlement-listeners.js';

export interface AppOptions {
  config: Config;
  secret: string;
  database: Database;
  jobs: JobQueue;
  clock: Clock;
  log: Logger;
  databaseMode: 'embedded' | 'external';
}

/** Builds the HTTP server from the modules: the one place where everything is wired together. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database, clock } = options;
  const log: FastifyBaseLogger = options.log;
  const app = Fastify({
    loggerInstance: log,
    trustProxy: config.trustProxy,
    // Per-request lines would dominate the log; errors are logged by the error handler instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const auth = createAuthContext({
    db: database.db,
    clock,
    sessionPolicy: { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours },
  });

  await registerSecurity(app, options.secret);
  await app.register(fastifyRateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    store: createRateLimitStore(database.pool),
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: () =>
      new AppError('rate_limited', 'Too many requests. Slow down and try again shortly.'),
  });
  registerMetrics(app);
  await registerOpenApi(app, config.baseUrl);
  const assets = registerAssets(app);
  registerHealthRoutes(app, database.db, options.jobs);
  registerSessionLoading(app, auth);
  registerIdempotency(app, database.db, clock);

  const dueWork = allDueWork(database.db, clock, config);
  const services: AppServices = {
    config,
    db: database.db,
    clock,
    jobs: options.jobs,
    auth,
    catalog: { db: database.db, clock },
    customers: { db: database.db, clock },
    subscriptions: { db: database.db, clock },
    testClocks: { db: database.db, clock, dueWork },
    invoicing: {
      db: database.db,
      clock,
      invoiceNumberFormat: config.invoiceNumberFormat,
      creditNoteNumberFormat: config.creditNoteNumberFormat,
      listeners: settlementListeners(clock),
      applyBalanceToInvoices: config.applyBalanceToInvoices,
    },
    referrals: { db: database.db, clock, baseUrl: config.baseUrl },
    credits: { db: database.db, clock },
    balances: { db: database.db, clock },
    billRuns: { db: database.db, clock, dueWork },
    assets,
    databaseMode: options.databaseMode,
  };

  app.setErrorHandler((thrown, request, reply) => {
    const error = toAppError(thrown);
    const status = httpStatusByCode[error.code];
    if (status >= 500) request.log.error({ err: thrown }, 'request failed');
    else request.log.debug({ code: error.code }, error.message);
    if (wantsHtml(request)) return sendErrorPage(request, reply, assets, error, status);
    return reply.code(status).send(errorBody(error));
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new AppError('not_found', 'There is nothing at this address.');
    if (wantsHtml(request)) return sendErrorPage(request, reply, assets, error, 404);
    return reply.code(404).send(errorBody(error));
  });

  registerRoutes(app, services);
  return app;
}
