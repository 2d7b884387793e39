// Start-up and request-latency bench for Tollgate: `npm run bench:startup` (add `-- --no-build` to
// skip the build). Tollgate and the hello-world baseline run as child processes; the load comes from
// this process, so neither server shares its event loop with the client.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runLoad, type LoadResult } from './lib/load.js';
import {
  freePort,
  spawnServer,
  stopAllServers,
  stopServer,
  waitFor200,
  type ServerProcess,
} from './lib/server-process.js';
import { signInAsNewOwner } from './lib/session.js';
import { formatMs, median, printTable } from './lib/stats.js';

const root = resolve(import.meta.dirname, '..');
const existingDataStarts = 5;
const load = { concurrency: 50, durationMs: 10_000, warmupMs: 1_000 };
const goals = { existingDataStartMs: 1500, dashboardP99Ms: 20 };

// The baseline: the same framework with nothing on top, so the ratios show what Tollgate adds.
const helloWorldSource = `
import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

interface LoadFigures {
  baseline: LoadResult;
  healthz: LoadResult;
  admin: LoadResult;
}

/** Compiles Tollgate into dist/ so the bench measures the current sources. */
function build(): void {
  console.log('Building (npm run build)…');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build failed (exit code ${result.status})`);
}

/** A fresh, empty data dir; 0755 because the embedded PostgreSQL runs as another OS user under root. */
function makeDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
  chmodSync(dataDir, 0o755);
  return dataDir;
}

/** The environment for Tollgate: only the bench's settings, nothing inherited that could change what runs. */
function tollgateEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    // An inherited DATABASE_URL would bypass the embedded server whose start-up is measured here.
    if (!name.startsWith('TOLLGATE_') && name !== 'DATABASE_URL') env[name] = value;
  }
  return {
    ...env,
    TOLLGATE_DATA_DIR: dataDir,
    TOLLGATE_PORT: String(port),
    TOLLGATE_HOST: '127.0.0.1',
    TOLLGATE_LOG_LEVEL: 'warn',
    // The default limit (600/min per IP) would turn most of the load into 429s.
    TOLLGATE_RATE_LIMIT_PER_MINUTE: '1000000',
  };
}

/** Spawns Tollgate on dataDir and waits for /readyz to answer 200; readyMs is counted from the spawn. */
async function startTollgate(dataDir: string): Promise<{ server: ServerProcess; readyMs: number }> {
  const port = await freePort();
  const server = spawnServer('Tollgate', port, ['dist/src/main.js', 'start'], {
    cwd: root,
    env: tollgateEnv(dataDir, port),
  });
  try {
    return { server, readyMs: await waitFor200(server, '/readyz') };
  } catch (error) {
    await stopServer(server);
    throw error;
  }
}

/** One start of Tollgate to /readyz 200, followed by a clean SIGTERM stop (the next start relies on it). */
async function timeStart(dataDir: string): Promise<number> {
  const { server, readyMs } = await startTollgate(dataDir);
  const code = await stopServer(server);
  if (code !== 0) throw new Error(`Tollgate exited with code ${code} after SIGTERM:\n${server.output()}`);
  return readyMs;
}

/** Load on the bare Fastify hello-world, started and stopped the same way as Tollgate. */
async function measureBaseline(): Promise<LoadResult> {
  const port = await freePort();
  const server = spawnServer('hello-world', port, ['--input-type=module', '--eval', helloWorldSource], {
    cwd: root, // so that `fastify` resolves from this project's node_modules
    env: { ...process.env, PORT: String(port) },
  });
  try {
    await waitFor200(server, '/');
    return await runLoad({ label: 'Fastify hello-world', url: `${server.baseUrl}/` }, load);
  } finally {
    await stopServer(server);
  }
}

/** Fails with the status and the head of the body unless GET url answers 200. */
async function expectPage(url: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, { headers, redirect: 'manual' });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`GET ${url} answered ${response.status}, expected 200:\n${body.slice(0, 500)}`);
  }
}

/** Load on /healthz and on the signed-in dashboard; the owner is created on the bench's data dir. */
async function measureTollgate(dataDir: string): Promise<{ healthz: LoadResult; admin: LoadResult }> {
  const { server } = await startTollgate(dataDir);
  try {
    const adminHeaders = { cookie: await signInAsNewOwner(server.baseUrl), accept: 'text/html' };
    await expectPage(`${server.baseUrl}/admin`, adminHeaders);
    const healthz = await runLoad({ label: 'GET /healthz', url: `${server.baseUrl}/healthz` }, load);
    const admin = await runLoad(
      { label: 'GET /admin (signed in)', url: `${server.baseUrl}/admin`, headers: adminHeaders },
      load,
    );
    return { healthz, admin };
  } finally {
    await stopServer(server);
  }
}

function ratio(value: number, base: number): string {
  return `${(value / base).toFixed(2)}x`;
}

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

/** The load figures of all three targets, with Tollgate's ratios to the baseline. */
function printLoadTable({ baseline, healthz, admin }: LoadFigures): void {
  printTable(
    ['target', 'p50', 'p99', 'req/s', 'failed', 'p50 ratio', 'p99 ratio', 'req/s ratio'],
    [baseline, healthz, admin].map((result) => [
      result.label,
      formatMs(result.p50Ms),
      formatMs(result.p99Ms),
      result.requestsPerSecond.toFixed(0),
      String(result.failed),
      ratio(result.p50Ms, baseline.p50Ms),
      ratio(result.p99Ms, baseline.p99Ms),
      ratio(result.requestsPerSecond, baseline.requestsPerSecond),
    ]),
  );
  console.log('(ratios are Tollgate / baseline: above 1x is slower for p50/p99, below 1x is fewer req/s)');
}

/** Every figure in one table, with the goals and whether they were met. */
function printSummary(coldMs: number, existingMs: readonly number[], figures: LoadFigures): void {
  const existingMedian = median(existingMs);
  const { baseline, healthz, admin } = figures;
  const loadCell = (r: LoadResult) =>
    `p50 ${formatMs(r.p50Ms)}, p99 ${formatMs(r.p99Ms)}, ${r.requestsPerSecond.toFixed(0)} req/s`;
  printTable(
    ['measure', 'result', 'goal', 'status'],
    [
      ['cold start to /readyz 200 (fresh data dir, initdb)', formatMs(coldMs), '-', '-'],
      [
        `start to /readyz 200 (existing data dir, ${existingMs.length} runs)`,
        `min ${formatMs(Math.min(...existingMs))}, median ${formatMs(existingMedian)}`,
        `median < ${goals.existingDataStartMs} ms`,
        verdict(existingMedian < goals.existingDataStartMs),
      ],
      ['baseline: Fastify hello-world', loadCell(baseline), '-', '-'],
      [
        'GET /healthz',
        `${loadCell(healthz)} (p99 ${ratio(healthz.p99Ms, baseline.p99Ms)} baseline)`,
        '-',
        '-',
      ],
      [
        'GET /admin (dashboard, signed in)',
        `${loadCell(admin)} (p99 ${ratio(admin.p99Ms, baseline.p99Ms)} baseline)`,
        `p99 < ${goals.dashboardP99Ms} ms`,
        verdict(admin.p99Ms < goals.dashboardP99Ms),
      ],
    ],
  );
}

async function main(): Promise<void> {
  console.log(`Tollgate start-up bench: node ${process.version}, ${availableParallelism()} CPUs`);
  if (!process.argv.includes('--no-build')) build();
  const dataDir = makeDataDir();
  try {
    console.log(`\n1. Cold start on a fresh data dir (${dataDir})`);
    const coldMs = await timeStart(dataDir);
    console.log(`   spawn to first /readyz 200: ${formatMs(coldMs)}`);

    console.log(
      `\n2. Start on the existing data dir, ${existingDataStarts} times (clean SIGTERM stop between)`,
    );
    const existingMs: number[] = [];
    for (let run = 1; run <= existingDataStarts; run++) {
      existingMs.push(await timeStart(dataDir));
      console.log(`   run ${run}: ${formatMs(existingMs.at(-1) ?? Number.NaN)}`);
    }
    console.log(`   min ${formatMs(Math.min(...existingMs))}, median ${formatMs(median(existingMs))}`);

    console.log(
      `\n3. Load: ${load.concurrency} keep-alive clients, ${load.durationMs / 1000} s per target ` +
        `(after a ${load.warmupMs / 1000} s warm-up that is not recorded)`,
    );
    const baseline = await measureBaseline();
    const figures = { baseline, ...(await measureTollgate(dataDir)) };
    printLoadTable(figures);

    console.log('\nSummary');
    printSummary(coldMs, existingMs, figures);
  } finally {
    await stopAllServers();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(`\nbench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
