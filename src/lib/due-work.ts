import type { Db } from './db/database.js';

/**
 * Customers whose ids fall in [from, to) — a share of one bill run that one job (on any instance)
 * takes. A missing bound is open.
 */
export interface CustomerRange {
  from?: string;
  to?: string;
}

/**
 * Whose time a piece of due work runs in: one test clock's sandbox world, or the real one (null);
 * optionally only a range of its customers.
 */
export interface DueWorkScope {
  testClockId: string | null;
  customers?: CustomerRange;
}

/**
 * Something that falls due over time — renewals, trial ends, scheduled cancellations; later invoices,
 * dunning, reminders. The bill run and test clocks drive every kind through this one interface, so
 * advancing a test clock runs exactly what the real scheduler would have run, in the same order.
 */
export interface DueWork {
  readonly name: string;
  /** The earliest moment anything in this scope falls due, or null when nothing ever will. */
  nextDueAt(db: Db, scope: DueWorkScope): Promise<Date | null>;
  /** How many items are due at or before `until` now (for a progress bar; more may follow from them). */
  countDue(db: Db, scope: DueWorkScope, until: Date): Promise<number>;
  /**
   * Does everything due at or before `until`; returns how many items it handled. `onProgress` hears
   * the running count after each batch.
   */
  runDue(scope: DueWorkScope, until: Date, onProgress?: (handled: number) => void): Promise<number>;
}

/** What a caller hears while due work runs. */
export interface DueWorkHooks {
  /** Before a kind of work starts (the CLI counts what is due for its progress bar). */
  starting?(work: DueWork): Promise<void>;
  /** After each batch: the running count of the kind of work going on. */
  progress?(work: DueWork, handled: number): void;
}

/**
 * Runs every kind of due work, in the list's order, over one scope up to `until`; returns how many
 * items were handled in all. The bill run's ranges, the CLI and test clocks all go through here.
 */
export async function runAllDue(
  dueWork: readonly DueWork[],
  scope: DueWorkScope,
  until: Date,
  hooks: DueWorkHooks = {},
): Promise<number> {
  let handled = 0;
  for (const work of dueWork) {
    await hooks.starting?.(work);
    handled += await work.runDue(scope, until, (done) => hooks.progress?.(work, done));
  }
  return handled;
}
