#!/usr/bin/env node
import { Command, Option } from 'commander';
import { AppError } from './lib/app-error.js';
import { ConfigError } from './lib/config.js';
import { roleKeys } from './modules/auth/index.js';
import { adminCreateCommand, migrateCommand, startCommand } from './cli/commands.js';
import { registerBillRunCommand } from './cli/bill-run-command.js';
import { registerDemoCommand } from './cli/demo-command.js';
import { registerLedgerCommands } from './cli/ledger-command.js';
import { registerTestClockCommands } from './cli/test-clock-commands.js';

/** Exit codes: 0 done, 1 refused or failed, 2 wrong usage or configuration. */
function fail(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof AppError) {
    console.error(`error: ${error.userMessage}`);
    for (const [field, reason] of Object.entries(error.fields ?? {})) console.error(`  ${field}: ${reason}`);
    process.exit(1);
  }
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const program = new Command()
  .name('tollgate')
  .description(
    'Self-hosted subscription billing and access automation.\nConfiguration comes from environment variables; see README.md.',
  )
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

program
  .command('start')
  .description(
    'Run the web server and the job worker (starts the embedded database unless DATABASE_URL is set)',
  )
  .action(() => startCommand().catch(fail));

program
  .command('migrate')
  .description('Apply pending database migrations, then exit (start does this too)')
  .action(() => migrateCommand().catch(fail));

const admin = program.command('admin').description('Manage staff accounts');
admin
  .command('create')
  .description('Create a staff account; the password is prompted for, or read from standard input when piped')
  .requiredOption('--email <email>', 'their email address (they sign in with it)')
  .option('--name <name>', 'their display name (default: the part of the email before @)')
  .addOption(new Option('--role <role>', 'their role').choices(roleKeys).default('owner'))
  .action((options: { email: string; name?: string; role: string }) =>
    adminCreateCommand(options).catch(fail),
  );

registerDemoCommand(program, fail);
registerTestClockCommands(program, fail);
registerBillRunCommand(program, fail);
registerLedgerCommands(program, fail);

await program.parseAsync(process.argv);
