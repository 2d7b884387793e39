import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Logger } from './logger.js';

/** A job type: a stable name and the zod schema its payload must satisfy. */
export interface JobDefinition<Payload extends z.ZodType> {
  name: string;
  payload: Payload;
  /** 'singleton' lets at most one job of this name be queued or running at a time. */
  policy?: 'standard' | 'singleton';
  retryLimit?: number;
  /** How many of this job one instance runs at once (default 1). */
  workers?: number;
}

export function defineJob<Payload extends z.ZodType>(
  definition: JobDefinition<Payload>,
): JobDefinition<Payload> {
  return definition;
}

export interface JobQueueOptions {
  /** How often (seconds) cron schedules are checked; lowered in tests so they need not wait a minute. */
  cronCheckSeconds?: number;
}

/** The job queue (pg-boss on the same PostgreSQL): retries, backoff, cron, shared by every instance. */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #log: Logger;
  readonly #definitions = new Map<string, JobDefinition<z.ZodType>>();

  constructor(databaseUrl: string, log: Logger, options: JobQueueOptions = {}) {
    this.#log = log;
    this.#boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      max: 4,
      application_name: 'tollgate-jobs',
      ...(options.cronCheckSeconds
        ? {
            cronMonitorIntervalSeconds: options.cronCheckSeconds,
            cronWorkerIntervalSeconds: options.cronCheckSeconds,
          }
        : {}),
    });
    this.#boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  }

  async start(): Promise<void> {
    await this.#boss.start();
  }

  async stop(): Promise<void> {
    await this.#boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /** Creates the queue of a job type and runs `handler` for each job, after validating its payload. */
  async register<Payload extends z.ZodType>(
    definition: JobDefinition<Payload>,
    handler: (payload: z.infer<Payload>) => Promise<void>,
  ): Promise<void> {
    this.#definitions.set(definition.name, definition);
    await this.#boss.createQueue(definition.name, {
      name: definition.name,
      policy: definition.policy ?? 'standard',
      retryLimit: definition.retryLimit ?? 5,
      retryBackoff: true,
    });
    for (let worker = 0; worker < (definition.workers ?? 1); worker += 1) {
      await this.#boss.work<unknown>(definition.name, async (jobs) => {
        for (const job of jobs) {
          const payload = definition.payload.parse(job.data);
          this.#log.debug({ job: definition.name, id: job.id }, 'job started');
          await handler(payload);
        }
      });
    }
  }

  async send<Payload extends z.ZodType>(
    definition: JobDefinition<Payload>,
    payload: z.infer<Payload>,
  ): Promise<string | null> {
    return this.#boss.send(definition.name, definition.payload.parse(payload) as object);
  }

  /** Runs a registered job type on a cron schedule (UTC); re-scheduling replaces the old one. */
  async schedule<Payload extends z.ZodType>(
    definition: JobDefinition<Payload>,
    cron: string,
    payload: z.infer<Payload>,
  ) {
    if (!this.#definitions.has(definition.name))
      throw new Error(`Job ${definition.name} must be registered before it is scheduled`);
    await this.#boss.schedule(definition.name, cron, definition.payload.parse(payload) as object, {
      tz: 'UTC',
    });
  }

  /** True when the queue's tables answer; used by /readyz. */
  async isReady(): Promise<boolean> {
    try {
      await this.#boss.getDb().executeSql('SELECT version FROM pgboss.version', []);
      return true;
    } catch {
      return false;
    }
  }
}
