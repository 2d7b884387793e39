import type { Command } from 'commander';
import { allDueWork } from '../due-work.js';
import { AppError } from '../lib/app-error.js';
import { FixedClock, systemClock } from '../lib/clock.js';
import type { Db } from '../lib/db/database.js';
import { listProducts } from '../modules/catalog/index.js';
import { listCustomers } from '../modules/customers/index.js';
import { addSpan } from './calendar-span.js';
import { createDemoCatalog } from './demo/create-catalog.js';
import { createDemoSandbox } from './demo/demo-sandbox.js';
import { customerStories } from './demo/demo-stories.js';
import { demoSummary } from './demo/demo-summary.js';
import { SeededRandom } from './demo/random.js';
import { runDemoHistory } from './demo/run-demo-history.js';
import { progressLine } from './progress-line.js';
import { wholeNumber } from './whole-number-option.js';
import { withDatabase } from './with-database.js';

export interface DemoOptions {
  customers: number;
  seed: number;
}

/** A demo on top of real data would mix made-up customers into real books, so only an empty database takes one. */
async function refuseUnlessEmpty(db: Db): Promise<void> {
  const customers = await listCustomers(db, { sort: 'createdAt', direction: 'asc', page: 1, pageSize: 1 });
  const products = await listProducts(db, { sort: 'createdAt', direction: 'asc', page: 1, pageSize: 1 });
  if (customers.total > 0 || products.total > 0)
    throw new AppError(
      'conflict',
      `This database already has ${customers.total} customers and ${products.total} products; the demo only fills a fresh, empty database. Point DATABASE_URL or TOLLGATE_DATA_DIR at a new one.`,
    );
}

/**
 * `tollgate demo`: fills a fresh database with a catalog and a year of customers, lived through
 * week by week on a moving clock so every renewal, trial end and cancellation is the engine's own.
 */
export async function demoCommand(options: DemoOptions): Promise<void> {
  await withDatabase(async (db, config) => {
    const started = performance.now();
    await refuseUnlessEmpty(db);
    const to = systemClock.now();
    const from = addSpan(to, { years: 1 }, -1);
    const clock = new FixedClock(from);
    const dueWork = allDueWork(db, clock, config);
    const catalog = await createDemoCatalog({ db, clock });
    const stories = customerStories(new SeededRandom(options.seed), options.customers);
    const progress = progressLine();
    const history = await runDemoHistory({ db, clock, dueWork, catalog }, stories, { from, to }, (step) =>
      progress.update(
        step.fraction,
        `${step.reached.toISOString().slice(0, 10)}  ${step.customers} customers, ${step.steps} steps`,
      ),
    );
    progress.done();
    clock.set(systemClock.now());
    const sandbox = await createDemoSandbox({ db, clock, dueWork }, catalog);
    console.log(
      await demoSummary(db, {
        catalog,
        history,
        sandbox: { clockId: sandbox.clock.id, clockName: sandbox.clock.name, customers: sandbox.customers },
        span: { from, to },
        elapsedMs: performance.now() - started,
      }),
    );
  });
}

/** Adds `tollgate demo` to the program; `fail` reports an error and exits. */
export function registerDemoCommand(program: Command, fail: (error: unknown) => never): void {
  program
    .command('demo')
    .description(
      'Fill a fresh, empty database with a demo catalog and a year of customers and subscriptions (refused on a database with data)',
    )
    .option('--customers <n>', 'how many customers', wholeNumber(1, 5000), 300)
    .option(
      '--seed <n>',
      'the random seed: the same seed makes the same customers',
      wholeNumber(0, 2 ** 31),
      1,
    )
    .action((options: DemoOptions) => demoCommand(options).catch(fail));
}
