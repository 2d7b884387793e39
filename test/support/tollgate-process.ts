import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeLoopbackPort as freePort } from '../../src/lib/free-port.js';

export { freePort };

const mainScript = join(import.meta.dirname, '..', '..', 'src', 'main.ts');

/** The environment for a CLI run: the caller's, minus DATABASE_URL so the embedded server is used, plus `env`. */
export function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, TOLLGATE_LOG_LEVEL: 'warn', ...env };
  if (!('DATABASE_URL' in env)) delete base['DATABASE_URL'];
  return base;
}

/** Runs the CLI to completion (`tollgate <args>`), as a person at a shell would. */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  stdin = '',
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript, ...args], { env: cliEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

export interface TollgateProcess {
  child: ChildProcess;
  baseUrl: string;
  output(): string;
  exited: Promise<number | null>;
}

/** Starts `tollgate start` on a data dir and waits until /readyz answers 200. */
export async function startTollgateProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<TollgateProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript, 'start'], {
    env: cliEnv({ TOLLGATE_DATA_DIR: dataDir, TOLLGATE_PORT: String(port), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let done = false;
  void exited.then(() => (done = true));
  while (Date.now() < deadline && !done) {
    try {
      if ((await fetch(`${baseUrl}/readyz`)).status === 200)
        return { child, baseUrl, output: () => output, exited };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`Tollgate did not become ready:\n${output}`);
}

/** Process ids of PostgreSQL servers whose command line names this data dir. */
export function postgresProcessesOf(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (
        cmdline.includes('postgres') &&
        cmdline.includes(join(dataDir, 'postgres')) &&
        !cmdline.includes('pg_ctl')
      )
        pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** A tiny cookie-keeping HTTP client over fetch for a Tollgate on a real port. */
export class HttpSession {
  private readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly baseUrl: string) {}

  async request(path: string, init: { method?: string; form?: Record<string, string>; json?: unknown } = {}) {
    const headers: Record<string, string> = {
      accept: init.json === undefined ? 'text/html' : 'application/json',
    };
    if (this.cookies.size) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams({ _csrf: this.csrf, ...init.form }).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(this.baseUrl + path, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) this.cookies.set(name, value.join('='));
    }
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return { status: response.status, text, location: response.headers.get('location') };
  }
}
