import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile } from './stats.js';

/** One URL to drive, and the status every answer must have to count as a success. */
export interface LoadTarget {
  label: string;
  url: string;
  headers?: http.OutgoingHttpHeaders;
  expectedStatus?: number;
}

export interface LoadOptions {
  concurrency: number;
  durationMs: number;
  /** Driven but not recorded first, so JIT compilation and connection set-up do not count. */
  warmupMs: number;
}

export interface LoadResult {
  label: string;
  ok: number;
  failed: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

interface Tally {
  latenciesMs: number[];
  failed: number;
}

/** The status of one GET once its body has been read to the end; undefined on a network error. */
function get(agent: http.Agent, target: LoadTarget): Promise<number | undefined> {
  return new Promise((resolve) => {
    const request = http.get(target.url, { agent, headers: target.headers }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode));
      response.once('error', () => resolve(undefined));
    });
    request.once('error', () => resolve(undefined));
  });
}

/** Runs `concurrency` clients, each sending its next request as soon as the last one finished. */
async function drive(agent: http.Agent, target: LoadTarget, concurrency: number, durationMs: number) {
  const tally: Tally = { latenciesMs: [], failed: 0 };
  const expected = target.expectedStatus ?? 200;
  const deadline = performance.now() + durationMs;
  const client = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const status = await get(agent, target);
      if (status === expected) tally.latenciesMs.push(performance.now() - started);
      else tally.failed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, () => client()));
  return { tally, seconds: (performance.now() - started) / 1000 };
}

/** Drives a target with a fixed number of keep-alive clients and reports latency percentiles and throughput. */
export async function runLoad(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  // One socket per client, reused across requests as a real keep-alive client (or proxy) would.
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    await drive(agent, target, options.concurrency, options.warmupMs);
    const { tally, seconds } = await drive(agent, target, options.concurrency, options.durationMs);
    const sorted = Float64Array.from(tally.latenciesMs).sort();
    return {
      label: target.label,
      ok: sorted.length,
      failed: tally.failed,
      requestsPerSecond: sorted.length / seconds,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
    };
  } finally {
    agent.destroy();
  }
}
