import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile } from './stats.js';

/** One URL to drive, and the status every answer must have to count as a success. */
export interface LoadTarget {
  label: string;
  url: string;
  headers?: http.OutgoingHttpHeaders;
  expectedStatus?: number;
  /** A fresh URL per request (e.g. a random customer's); `url` otherwise. */
  urlFor?: () => string;
  /** Makes each request a POST with a fresh JSON body (a GET without). */
  postBody?: () => string;
  /** An answer that is a correct refusal (e.g. 409 insufficient credits): counted, not a failure. */
  refusedStatus?: number;
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
  /** Answers with `refusedStatus`: timed with the successes, counted apart. */
  refused: number;
  failed: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

interface Tally {
  latenciesMs: number[];
  refused: number;
  failed: number;
}

/** The status of one request once its body has been read to the end; undefined on a network error. */
function send(agent: http.Agent, target: LoadTarget): Promise<number | undefined> {
  const body = target.postBody?.();
  return new Promise((resolve) => {
    const headers =
      body === undefined ? target.headers : { ...target.headers, 'content-type': 'application/json' };
    const request = http.request(
      target.urlFor?.() ?? target.url,
      { agent, headers, method: body === undefined ? 'GET' : 'POST' },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode));
        response.once('error', () => resolve(undefined));
      },
    );
    request.once('error', () => resolve(undefined));
    request.end(body);
  });
}

/** Runs `concurrency` clients, each sending its next request as soon as the last one finished. */
async function drive(agent: http.Agent, target: LoadTarget, concurrency: number, durationMs: number) {
  const tally: Tally = { latenciesMs: [], refused: 0, failed: 0 };
  const expected = target.expectedStatus ?? 200;
  const deadline = performance.now() + durationMs;
  const client = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      const status = await send(agent, target);
      if (status === expected || status === target.refusedStatus) {
        tally.latenciesMs.push(performance.now() - started);
        if (status !== expected) tally.refused++;
      } else tally.failed++;
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
      ok: sorted.length - tally.refused,
      refused: tally.refused,
      failed: tally.failed,
      requestsPerSecond: sorted.length / seconds,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
    };
  } finally {
    agent.destroy();
  }
}
