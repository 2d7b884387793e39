// Credits bench: `npm run bench:credits` (add `-- --no-build` to skip the build). Tollgate runs as a
// child process on a scratch PostgreSQL database; 64 keep-alive clients in this process POST
// /api/v1/customers/{id}/credits/consume for random customers — some with balances too small for the
// load, so refusals (409 insufficient_credits) happen under concurrency too. Afterwards the ledger is
// verified: no balance below zero, every cached balance equal to its lines. The same-run baseline is
// the bare database doing the same job: 64 connections looping `UPDATE … SET balance = balance - x
// WHERE balance >= x` on a table of as many rows.
// The server comes from BENCH_DATABASE_URL (default: the local PostgreSQL).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { verifyLedger } from '../src/modules/ledger/index.js';
import { runLoad, type LoadResult } from './lib/load.js';
import { freePort, spawnServer, stopAllServers, stopServer, waitFor200 } from './lib/server-process.js';
import { signInAsNewOwner } from './lib/session.js';
import { formatMs, percentile, printTable } from './lib/stats.js';
import { withScratchDatabase } from './lib/subscription-world.js';

const root = resolve(import.meta.dirname, '..');
const clients = 64;
const customers = 256;
// Customers whose 100 credits the load uses up, so refusals are part of what is measured.
const smallCustomers = 32;
const load = { concurrency: clients, durationMs: 10_000, warmupMs: 1_000 };
const goals = { consumesPerSecond: 2000, p99Ms: 50 };

function build(): void {
  if (process.argv.includes('--no-build')) return;
  console.log('Building (npm run build)…');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit code ${result.status})`);
}

/** JSON API calls for the set-up, as the owner. */
function apiClient(baseUrl: string, cookie: string) {
  return async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/** A plan per balance size, and the customers subscribed to them (their period credits are the balance). */
async function setUpCustomers(post: ReturnType<typeof apiClient>): Promise<string[]> {
  const product = await post<{ id: string }>('/api/v1/products', { name: 'Bench credits', kind: 'service' });
  const plan = (code: string, credits: number) =>
    post<{ id: string }>(`/api/v1/products/${product.id}/plans`, {
      code,
      name: code,
      intervalUnit: 'month',
      creditsPerPeriod: credits,
      creditUnit: 'credits',
      prices: [{ currency: 'USD', amount: 1000 }],
    });
  const large = await plan('bench-large', 10_000_000);
  const small = await plan('bench-small', 100);
  const ids: string[] = [];
  for (let n = 0; n < customers; n++) {
    const customer = await post<{ id: string }>('/api/v1/customers', {
      email: `bench${n}@example.com`,
      name: `Bench ${n}`,
      currency: 'USD',
    });
    await post('/api/v1/subscriptions', {
      customerId: customer.id,
      planId: n < smallCustomers ? small.id : large.id,
      skipTrial: true,
    });
    ids.push(customer.id);
  }
  return ids;
}

/** The baseline: the same number of connections decrementing balances with one bare UPDATE each. */
async function bareUpdates(pool: pg.Pool): Promise<LoadResult> {
  await pool.query(
    'CREATE TABLE bench_balances (id int PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0))',
  );
  await pool.query(
    `INSERT INTO bench_balances SELECT n, CASE WHEN n < ${smallCustomers} THEN 100 ELSE 10000000 END
     FROM generate_series(0, ${customers - 1}) n`,
  );
  const latencies: number[] = [];
  let refused = 0;
  const drive = async (durationMs: number, record: boolean) => {
    const deadline = performance.now() + durationMs;
    const loop = async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const result = await pool.query(
          'UPDATE bench_balances SET balance = balance - $1 WHERE id = $2 AND balance >= $1',
          [1 + Math.floor(Math.random() * 5), Math.floor(Math.random() * customers)],
        );
        if (!record) continue;
        latencies.push(performance.now() - started);
        if (result.rowCount === 0) refused++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, loop));
    return (performance.now() - started) / 1000;
  };
  await drive(load.warmupMs, false);
  const seconds = await drive(load.durationMs, true);
  const sorted = Float64Array.from(latencies).sort();
  return {
    label: 'bare UPDATE … balance - x',
    ok: sorted.length - refused,
    refused,
    failed: 0,
    requestsPerSecond: sorted.length / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

async function main(): Promise<void> {
  build();
  await withScratchDatabase(clients, async ({ measured, url }) => {
    const port = await freePort();
    const server = spawnServer('Tollgate', port, ['dist/src/main.js', 'start'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        TOLLGATE_PORT: String(port),
        TOLLGATE_HOST: '127.0.0.1',
        TOLLGATE_LOG_LEVEL: 'warn',
        TOLLGATE_RATE_LIMIT_PER_MINUTE: '1000000',
      },
    });
    let consume: LoadResult;
    try {
      await waitFor200(server, '/readyz');
      const cookie = await signInAsNewOwner(server.baseUrl);
      console.log(`Setting up ${customers} customers…`);
      const ids = await setUpCustomers(apiClient(server.baseUrl, cookie));
      let next = 0;
      console.log(`Consuming with ${clients} clients for ${load.durationMs / 1000} s…`);
      consume = await runLoad(
        {
          label: 'POST …/credits/consume (HTTP)',
          url: server.baseUrl,
          headers: { cookie, accept: 'application/json' },
          urlFor: () =>
            `${server.baseUrl}/api/v1/customers/${ids[Math.floor(Math.random() * ids.length)]}/credits/consume`,
          postBody: () =>
            JSON.stringify({
              amount: 1 + Math.floor(Math.random() * 5),
              unit: 'credits',
              description: `job ${next++}`,
            }),
          refusedStatus: 409,
        },
        load,
      );
    } finally {
      await stopServer(server);
    }
    const verification = await verifyLedger(measured.db);
    const below = verification.differences.filter((difference) => difference.kind === 'below_zero').length;
    console.log('Measuring the bare UPDATE loop…');
    const baseline = await bareUpdates(measured.pool);

    console.log('');
    printTable(
      ['', 'answered/s', 'p50', 'p99', 'succeeded', 'refused (409)', 'failed'],
      [consume, baseline].map((result) => [
        result.label,
        result.requestsPerSecond.toFixed(0),
        formatMs(result.p50Ms),
        formatMs(result.p99Ms),
        String(result.ok),
        String(result.refused),
        String(result.failed),
      ]),
    );
    console.log('');
    console.log(
      `Ratio: the bare UPDATE loop does ${(baseline.requestsPerSecond / consume.requestsPerSecond).toFixed(2)}× as many per second.`,
    );
    console.log(
      `Ledger after the load: ${verification.entries} entries, ${verification.differences.length} differences, ${below} accounts below zero (overdrafts).`,
    );
    const met = consume.requestsPerSecond >= goals.consumesPerSecond && consume.p99Ms < goals.p99Ms;
    console.log(
      `Goal ≥ ${goals.consumesPerSecond}/s with p99 < ${goals.p99Ms} ms: ${met ? 'met' : 'not met'}; zero overdrafts: ${below === 0 && verification.differences.length === 0 ? 'yes' : 'NO'}.`,
    );
  });
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => stopAllServers());
