import { allDueWork } from '../../src/due-work.js';
import { FixedClock } from '../../src/lib/clock.js';
import { loadConfig } from '../../src/lib/config.js';
import { openDatabase, type Database } from '../../src/lib/db/database.js';
import { runMigrations } from '../../src/lib/db/migrate.js';
import { createLogger } from '../../src/lib/logger.js';
import { cliActor } from '../../src/modules/audit/index.js';
import { createPlan, createProduct, type CreatePlanInput } from '../../src/modules/catalog/index.js';
import { createCustomer, type CreateCustomerInput } from '../../src/modules/customers/index.js';
import { listEvents } from '../../src/modules/events/index.js';
import {
  createSubscription,
  getSubscription,
  type CreateSubscriptionInput,
} from '../../src/modules/subscriptions/index.js';
import { advanceTestClock, createTestClock } from '../../src/modules/test-clocks/index.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * The modules on a fresh database, driven through their index.ts as the HTTP layer drives them:
 * for billing stories told on a test clock, month by month.
 */
export async function startLifecycleWorld() {
  const testDatabase: TestDatabase = await createTestDatabase();
  const database: Database = openDatabase(testDatabase.url, createLogger('silent'));
  await runMigrations(database.pool);
  const db = database.db;
  const clock = new FixedClock('2027-01-01T00:00:00Z');
  const contexts = {
    catalog: { db, clock },
    customers: { db, clock },
    subscriptions: { db, clock },
    testClocks: { db, clock, dueWork: allDueWork(db, clock, loadConfig({})) },
  };
  const actor = cliActor;
  let emails = 0;

  return {
    /** The database's URL, for a CLI process working on the same data. */
    url: testDatabase.url,
    db,
    clock,
    actor,
    ...contexts,
    async product(name = 'Membership') {
      return createProduct(contexts.catalog, { name, kind: 'membership' }, actor);
    },
    async plan(productId: string, input: CreatePlanInput) {
      return createPlan(contexts.catalog, productId, input, actor);
    },
    /** A test clock at `at` and a sandbox customer living on it. */
    async sandboxCustomer(
      at: string,
      timeZone = 'UTC',
      currency = 'USD',
      details: Partial<CreateCustomerInput> = {},
    ) {
      const testClock = await createTestClock(contexts.testClocks, { name: 'Story', frozenAt: at }, actor);
      emails += 1;
      const customer = await createCustomer(
        contexts.customers,
        {
          email: `story${emails}@example.com`,
          name: `Story ${emails}`,
          currency,
          timeZone,
          testClockId: testClock.id,
          ...details,
        },
        actor,
      );
      return { testClock, customer };
    },
    /** Another sandbox customer on an existing test clock. */
    async customerOn(testClockId: string, email: string) {
      return createCustomer(contexts.customers, { email, name: email, currency: 'USD', testClockId }, actor);
    },
    async subscribe(input: CreateSubscriptionInput) {
      return createSubscription(contexts.subscriptions, input, actor);
    },
    async advance(testClockId: string, to: string) {
      return advanceTestClock(contexts.testClocks, testClockId, { to }, actor);
    },
    async read(id: string) {
      return getSubscription(db, id);
    },
    async events(subscriptionId: string) {
      return listEvents(db, { entityType: 'subscription', entityId: subscriptionId });
    },
    async close() {
      await database.close();
      await testDatabase.drop();
    },
  };
}

export type LifecycleWorld = Awaited<ReturnType<typeof startLifecycleWorld>>;
