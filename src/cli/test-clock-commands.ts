import type { Command } from 'commander';
import { allDueWork, type DueWorkSettings } from '../due-work.js';
import { AppError, validationError } from '../lib/app-error.js';
import { systemClock } from '../lib/clock.js';
import type { Db } from '../lib/db/database.js';
import { cliActor } from '../modules/audit/index.js';
import {
  advanceTestClock,
  createTestClock,
  deleteTestClock,
  getTestClock,
  listTestClocks,
  type TestClocksContext,
} from '../modules/test-clocks/index.js';
import { addSpan, parseSpan } from './calendar-span.js';
import { progressLine } from './progress-line.js';
import { withDatabase } from './with-database.js';

function testClocksContext(db: Db, settings: DueWorkSettings): TestClocksContext {
  return { db, clock: systemClock, dueWork: allDueWork(db, systemClock, settings) };
}

/** `tollgate test-clock list`: every live test clock, newest first. */
export async function testClockListCommand(): Promise<void> {
  await withDatabase(async (db) => {
    const clocks = await listTestClocks(db);
    if (clocks.length === 0) {
      console.log('No test clocks. Create one with: tollgate test-clock create --name "My sandbox"');
      return;
    }
    const rows = clocks.map((clock) => [clock.id, clock.frozenAt.toISOString(), clock.status, clock.name]);
    const widths = [36, 24, 9];
    for (const row of [['ID', 'TIME', 'STATUS', 'NAME'], ...rows])
      console.log(row.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  '));
  });
}

/** `tollgate test-clock create --name X [--at ISO]`: a new clock, frozen at --at or now. */
export async function testClockCreateCommand(options: { name: string; at?: string }): Promise<void> {
  await withDatabase(async (db, config) => {
    const clock = await createTestClock(
      testClocksContext(db, config),
      { name: options.name, ...(options.at === undefined ? {} : { frozenAt: options.at }) },
      cliActor,
    ).catch((error: unknown) => {
      // The module calls the starting time frozenAt; here it is --at.
      const problem = error instanceof AppError ? error.fields?.['frozenAt'] : undefined;
      throw problem ? validationError({ at: problem }) : error;
    });
    console.log(`Created test clock "${clock.name}" (id ${clock.id}) at ${clock.frozenAt.toISOString()}.`);
  });
}

/**
 * `tollgate test-clock advance <id> --to ISO | --by 2w`: runs everything due on the way, with a
 * progress bar on standard error.
 */
export async function testClockAdvanceCommand(
  id: string,
  options: { to?: string; by?: string },
): Promise<void> {
  if ((options.to === undefined) === (options.by === undefined))
    throw validationError(
      { to: 'give either --to <time> or --by <span such as 2w>, not both' },
      'Say how far to advance.',
    );
  await withDatabase(async (db, config) => {
    const ctx = testClocksContext(db, config);
    let to: string | Date | undefined = options.to;
    if (options.by !== undefined) {
      const span = parseSpan(options.by);
      if (!span) throw validationError({ by: 'must be a number and d, w, m or y, such as 1d, 2w, 3m or 1y' });
      to = addSpan((await getTestClock(db, id)).frozenAt, span);
    }
    const progress = progressLine();
    const { clock, handled } = await advanceTestClock(ctx, id, { to }, cliActor, (step) => {
      const span = step.to.getTime() - step.from.getTime();
      progress.update(
        (step.reached.getTime() - step.from.getTime()) / span,
        `${step.reached.toISOString()}  ${step.handled} steps handled`,
      );
    });
    progress.done();
    console.log(
      `Advanced test clock "${clock.name}" to ${clock.frozenAt.toISOString()}: ${handled} steps of due work handled.`,
    );
  });
}

/** `tollgate test-clock delete <id>`: retires a clock; its sandbox customers stay, frozen at its time. */
export async function testClockDeleteCommand(id: string): Promise<void> {
  await withDatabase(async (db, config) => {
    const clock = await getTestClock(db, id);
    await deleteTestClock(testClocksContext(db, config), id, cliActor);
    console.log(`Deleted test clock "${clock.name}" (id ${id}).`);
  });
}

/** Adds `tollgate test-clock list | create | advance | delete` to the program; `fail` reports an error and exits. */
export function registerTestClockCommands(program: Command, fail: (error: unknown) => never): void {
  const testClock = program
    .command('test-clock')
    .description('Manage test clocks: sandbox time for trying renewals, trials and cancellations');
  testClock
    .command('list')
    .description('List the test clocks')
    .action(() => testClockListCommand().catch(fail));
  testClock
    .command('create')
    .description('Create a test clock, frozen at --at or now')
    .requiredOption('--name <name>', 'what to call it')
    .option('--at <time>', 'its starting time, e.g. 2027-01-31T09:00:00Z (default: now)')
    .action((options: { name: string; at?: string }) => testClockCreateCommand(options).catch(fail));
  testClock
    .command('advance')
    .description('Move a test clock forward, running everything that falls due on the way')
    .argument('<id>', 'the test clock')
    .option('--to <time>', 'the time to move to, e.g. 2027-03-01T00:00:00Z')
    .option('--by <span>', 'how far to move: 1d, 2w, 3m or 1y (days, weeks, months, years)')
    .action((id: string, options: { to?: string; by?: string }) =>
      testClockAdvanceCommand(id, options).catch(fail),
    );
  testClock
    .command('delete')
    .description('Delete a test clock (its sandbox customers stay, frozen at its time)')
    .argument('<id>', 'the test clock')
    .action((id: string) => testClockDeleteCommand(id).catch(fail));
}
