import type { Command } from 'commander';
import { allDueWork } from '../due-work.js';
import { systemClock } from '../lib/clock.js';
import { getTestClock } from '../modules/test-clocks/index.js';
import { progressLine } from './progress-line.js';
import { withDatabase } from './with-database.js';

/**
 * `tollgate bill-run`: runs, now and in the foreground, what the every-minute job runs — renewals,
 * trial ends, booked changes, then invoices — for real customers up to now, or for one test clock's
 * customers up to that clock's time. Safe to interrupt and run again: nothing is done twice.
 */
export async function billRunCommand(options: { testClock?: string }): Promise<void> {
  await withDatabase(async (db, config) => {
    const scope = { testClockId: options.testClock ?? null };
    const until = options.testClock
      ? (await getTestClock(db, options.testClock)).frozenAt
      : systemClock.now();
    const progress = progressLine();
    const lines: string[] = [];
    for (const work of allDueWork(db, systemClock, config)) {
      const due = await work.countDue(db, scope, until);
      const handled = await work.runDue(scope, until, (done) =>
        progress.update(due === 0 ? 1 : done / due, `${work.name}: ${done} of ${due}`),
      );
      lines.push(`${work.name}: ${handled}`);
    }
    progress.done();
    console.log(`Bill run up to ${until.toISOString()} done. ${lines.join(', ')}.`);
  });
}

export function registerBillRunCommand(program: Command, fail: (error: unknown) => never): void {
  program
    .command('bill-run')
    .description('Run the bill run now: renewals, trial ends, booked changes and invoices that are due')
    .option('--test-clock <id>', "only this test clock's sandbox customers, up to the clock's time")
    .action((options: { testClock?: string }) => billRunCommand(options).catch(fail));
}
