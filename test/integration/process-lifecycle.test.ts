import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  HttpSession,
  freePort,
  postgresProcessesOf,
  runCli,
  startTollgateProcess,
} from '../support/tollgate-process.js';

// These run the real CLI as a newcomer would: `tollgate start` on its embedded PostgreSQL.
const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-lifecycle-'));
const password = 'correct horse battery staple';
afterAll(() => {
  for (const pid of postgresProcessesOf(dataDir)) process.kill(pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(baseUrl: string, email: string, pass = password) {
  const session = new HttpSession(baseUrl);
  await session.request('/login');
  const response = await session.request('/login', { form: { email, password: pass } });
  return { session, ok: response.status === 303 && response.location === '/admin' };
}

describe('the tollgate process on its embedded database', () => {
  it('starts on a fresh data dir, takes the owner through the wizard, and stops cleanly on SIGTERM', async () => {
    const tollgate = await startTollgateProcess(dataDir);
    try {
      const session = new HttpSession(tollgate.baseUrl);
      expect((await session.request('/')).location).toBe('/setup');
      await session.request('/setup');
      const setup = await session.request('/setup', {
        form: { name: 'Olive', email: 'owner@example.com', password, passwordConfirmation: password },
      });
      expect(setup.status).toBe(303);
      expect((await signIn(tollgate.baseUrl, 'owner@example.com')).ok).toBe(true);
      expect(postgresProcessesOf(dataDir).length).toBeGreaterThan(0);
    } finally {
      tollgate.child.kill('SIGTERM');
    }
    expect(await tollgate.exited).toBe(0);
    expect(postgresProcessesOf(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  });

  it('keeps its data across a restart', async () => {
    const secretFile = join(dataDir, 'secret');
    const secret = readFileSync(secretFile, 'utf8');
    expect(secret.trim().length).toBeGreaterThanOrEqual(32);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'postgres-password')).mode & 0o777).toBe(0o600);
    const tollgate = await startTollgateProcess(dataDir);
    expect(readFileSync(secretFile, 'utf8')).toBe(secret); // generated once, then kept
    try {
      expect((await signIn(tollgate.baseUrl, 'owner@example.com')).ok).toBe(true);
      expect((await new HttpSession(tollgate.baseUrl).request('/setup')).location).toBe('/login');
    } finally {
      tollgate.child.kill('SIGTERM');
      await tollgate.exited;
    }
  });

  it('refuses a second Tollgate on the same data dir while one runs', async () => {
    const tollgate = await startTollgateProcess(dataDir);
    try {
      const serversBefore = postgresProcessesOf(dataDir);
      const second = await runCli(['start'], {
        TOLLGATE_DATA_DIR: dataDir,
        TOLLGATE_PORT: String(await freePort()),
      });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/Another Tollgate \(pid \d+\) is running on data dir/);
      expect(postgresProcessesOf(dataDir)).toEqual(serversBefore);
      expect((await fetch(`${tollgate.baseUrl}/readyz`)).status).toBe(200);
    } finally {
      tollgate.child.kill('SIGTERM');
      await tollgate.exited;
    }
  });

  it('survives kill -9: the orphaned server is taken over and nothing acknowledged is lost', async () => {
    const tollgate = await startTollgateProcess(dataDir);
    try {
      const { session } = await signIn(tollgate.baseUrl, 'owner@example.com');
      const created = await session.request('/api/v1/staff-users', {
        json: {
          email: 'acked@example.com',
          name: 'Acked',
          role: 'viewer',
          password: 'acknowledged password',
        },
      });
      expect(created.status).toBe(201);
    } finally {
      tollgate.child.kill('SIGKILL');
    }
    await tollgate.exited;
    const orphans = postgresProcessesOf(dataDir);
    expect(orphans.length).toBeGreaterThan(0); // the database server outlived its parent

    const restarted = await startTollgateProcess(dataDir);
    try {
      const survivors = postgresProcessesOf(dataDir);
      expect(survivors.some((pid) => orphans.includes(pid))).toBe(false); // the orphan was stopped, not duplicated
      expect((await signIn(restarted.baseUrl, 'acked@example.com', 'acknowledged password')).ok).toBe(true);
    } finally {
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    }
    expect(postgresProcessesOf(dataDir)).toEqual([]);
  });
});

describe('the CLI', () => {
  it('refuses a bad configuration value with one line and exit code 2', async () => {
    const result = await runCli(['start'], { TOLLGATE_DATA_DIR: dataDir, TOLLGATE_PORT: 'eighty' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'Invalid configuration: TOLLGATE_PORT must be a whole number from 1 to 65535 (got "eighty")',
    );
    const url = await runCli(['migrate'], { DATABASE_URL: 'mysql://root@localhost/x' });
    expect(url.code).toBe(2);
    expect(url.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('has --help on every command', async () => {
    for (const args of [
      ['--help'],
      ['start', '--help'],
      ['migrate', '--help'],
      ['admin', 'create', '--help'],
    ]) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout, args.join(' ')).toContain('Usage: tollgate');
    }
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
  });

  it('migrates and creates staff accounts from the shell, with clear refusals', async () => {
    expect((await runCli(['migrate'], { TOLLGATE_DATA_DIR: dataDir })).stdout).toContain(
      'Migrations applied (embedded database).',
    );
    const created = await runCli(
      ['admin', 'create', '--email', 'cli@example.com', '--name', 'Cli Admin', '--role', 'admin'],
      { TOLLGATE_DATA_DIR: dataDir },
      'a password from the shell\n',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created admin cli@example.com/);
    const weak = await runCli(
      ['admin', 'create', '--email', 'weak@example.com'],
      { TOLLGATE_DATA_DIR: dataDir },
      'short\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password: Password must be at least 12 characters');
    const badRole = await runCli(['admin', 'create', '--email', 'x@example.com', '--role', 'emperor'], {
      TOLLGATE_DATA_DIR: dataDir,
    });
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('Allowed choices are owner, admin, manager, support, viewer');

    const tollgate = await startTollgateProcess(dataDir);
    try {
      expect((await signIn(tollgate.baseUrl, 'cli@example.com', 'a password from the shell')).ok).toBe(true);
    } finally {
      tollgate.child.kill('SIGTERM');
      await tollgate.exited;
    }
  });
});
