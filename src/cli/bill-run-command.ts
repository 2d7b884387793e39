import type { Command } from 'commander';
import { allDueWork } from '../due-work.js';
import { systemClock } from '../lib/clock.js';
import type { Db } from '../lib/db/database.js';
import { runAllDue, type DueWork, type DueWorkHooks, type DueWorkScope } from '../lib/due-work.js';
import { latestBillRun, runBillRunRange, startBillRun } from '../modules/system/index.js';
import { getTestClock } from '../modules/test-clocks/index.js';
import { progressLine } from './progress-line.js';
import { withDatabase } from './with-database.js';

/** A progress bar per kind of due work, each counted when it starts; and what each handled. */
function progressBar(db: Db, scope: DueWorkScope, until: Date) {
  const progress = progressLine();
  const handled = new Map<string, number>();
  let due = 0;
  const hooks: DueWorkHooks = {
    async starting(work: DueWork) {
      due = await work.countDue(db, scope, until);
      handled.set(work.name, 0);
    },
    progress(work, done) {
      handled.set(work.name, done);
      progress.update(due === 0 ? 1 : done / due, `${work.name}: ${done} of ${due}`);
    },
  };
  const summary = () =>
    [...handled].map(([name, count]) => `${name}: ${count}`).join(', ') || 'nothing was due';
  return { hooks, summary, done: () => progress.done() };
}

/**
 * `tollgate bill-run`: runs, now and in the foreground, what the every-minute job runs — renewals,
 * trial ends, booked changes, then invoices — for real customers up to now (recorded as a bill run,
 * shown on the scheduler page), or for one test clock's customers up to that clock's time. Safe to
 * interrupt and run again: nothing is done twice.
 */
export async function billRunCommand(options: { testClock?: string }): Promise<void> {
  await withDatabase(async (db, config) => {
    const dueWork = allDueWork(db, systemClock, config);
    if (options.testClock) {
      const scope = { testClockId: options.testClock };
      const until = (await getTestClock(db, options.testClock)).frozenAt;
      const bar = progressBar(db, scope, until);
      await runAllDue(dueWork, scope, until, bar.hooks);
      bar.done();
      console.log(`Bill run up to ${until.toISOString()} done. ${bar.summary()}.`);
      return;
    }
    const ctx = { db, clock: systemClock, dueWork };
    const run = await startBillRun(ctx, 'cli', 1);
    if (!run) {
      const latest = await latestBillRun(db);
      console.log(
        latest?.status === 'running'
          ? `A bill run started ${latest.startedAt.toISOString()} is still going; it does what is due.`
          : 'Nothing is due.',
      );
      return;
    }
    const bar = progressBar(db, { testClockId: null }, run.until);
    await runBillRunRange(ctx, run.id, 0, bar.hooks);
    bar.done();
    console.log(`Bill run up to ${run.until.toISOString()} done. ${bar.summary()}.`);
  });
}

export function registerBillRunCommand(program: Command, fail: (error: unknown) => never): void {
  program
    .command('bill-run')
    .description('Run the bill run now: renewals, trial ends, booked changes and invoices that are due')
    .option('--test-clock <id>', "only this test clock's sandbox customers, up to the clock's time")
    .action((options: { testClock?: string }) => billRunCommand(options).catch(fail));
}
