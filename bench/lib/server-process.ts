import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { freeLoopbackPort as freePort } from '../../src/lib/free-port.js';

export { freePort };

/** A server running as a child process, so the bench's own load never shares its event loop. */
export interface ServerProcess {
  name: string;
  baseUrl: string;
  /** performance.now() just before the spawn; start-up times are measured from here. */
  spawnedAt: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** The tail of what the process printed, for error messages. */
  output(): string;
}

const outputTailChars = 4000;
const live = new Set<ServerProcess>();

/** Spawns `node args…` listening on `port`; stdout and stderr are kept (tail only) rather than shown. */
export function spawnServer(
  name: string,
  port: number,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): ServerProcess {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-outputTailChars);
  };
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const server: ServerProcess = {
    name,
    baseUrl: `http://127.0.0.1:${port}`,
    spawnedAt,
    child,
    exited,
    output: () => output,
  };
  live.add(server);
  void exited.then(() => live.delete(server));
  return server;
}

/** The status of one GET, or undefined when nothing answered (not listening yet, timed out). */
function statusOf(url: string, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    // No keep-alive agent: each poll is independent, and no socket is left open to delay the stop.
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(undefined));
  });
}

/** Polls GET `path` until it answers 200; resolves with the ms since the spawn, rejects if the process dies. */
export async function waitFor200(server: ServerProcess, path: string, timeoutMs = 60_000): Promise<number> {
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  const deadline = server.spawnedAt + timeoutMs;
  while (performance.now() < deadline) {
    if ((await statusOf(server.baseUrl + path, 1000)) === 200) return performance.now() - server.spawnedAt;
    if (exitCode !== undefined) {
      throw new Error(
        `${server.name} exited (code ${exitCode}) before ${path} answered 200:\n${server.output()}`,
      );
    }
    // 5 ms keeps the measurement's granularity well below the figures without busy-waiting.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${server.name}: ${path} did not answer 200 within ${timeoutMs} ms:\n${server.output()}`);
}

/** Sends SIGTERM and waits for the process to exit (SIGKILL after the timeout); resolves with its exit code. */
export async function stopServer(server: ServerProcess, timeoutMs = 30_000): Promise<number | null> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), timeoutMs);
  try {
    return await server.exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Stops every server this bench started that is still running (clean-up after a failure). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...live].map((server) => stopServer(server)));
}
