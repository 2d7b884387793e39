import { createAuthContext, createStaffUser, roleKeys } from '../modules/auth/index.js';
import { cliActor } from '../modules/audit/index.js';
import { systemClock } from '../lib/clock.js';
import { loadConfig } from '../lib/config.js';
import { runMigrations } from '../lib/db/migrate.js';
import { createLogger } from '../lib/logger.js';
import { connectDatabase, startTollgate } from '../runtime.js';
import { readPassword } from './read-password.js';

/** `tollgate start`: runs until SIGINT/SIGTERM, then shuts down cleanly (embedded database last). */
export async function startCommand(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const running = await startTollgate(config, log);
  log.info(`Tollgate is running at ${config.baseUrl}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** `tollgate migrate`: applies pending migrations and exits. */
export async function migrateCommand(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const handle = await connectDatabase(config, log);
  try {
    await runMigrations(handle.database.pool);
    console.log(`Migrations applied (${handle.mode} database).`);
  } finally {
    await handle.close();
  }
}

export interface AdminCreateOptions {
  email: string;
  name?: string;
  role: string;
}

/** `tollgate admin create`: adds a staff user from the shell (also the way back in after a lost password). */
export async function adminCreateCommand(options: AdminCreateOptions): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const password = await readPassword('Password for the new account: ');
  const handle = await connectDatabase(config, log);
  try {
    await runMigrations(handle.database.pool);
    const user = await createStaffUser(
      createAuthContext({
        db: handle.database.db,
        clock: systemClock,
        sessionPolicy: { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours },
      }),
      {
        email: options.email,
        name: options.name ?? options.email.split('@')[0] ?? options.email,
        role: options.role as (typeof roleKeys)[number],
        password,
      },
      { ...cliActor, role: 'cli' },
    );
    console.log(`Created ${user.role} ${user.email} (id ${user.id}). They can sign in now.`);
  } finally {
    await handle.close();
  }
}
