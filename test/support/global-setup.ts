import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedServer } from '../../src/lib/db/embedded-server.js';
import { createLogger } from '../../src/lib/logger.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server where tests may create and drop their own databases. */
    adminDatabaseUrl: string;
  }
}

/**
 * Tests run against DATABASE_URL when it is set (CI's PostgreSQL 15), otherwise against an
 * embedded server started here in a temporary folder, as a newcomer's machine would.
 */
export default async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    project.provide('adminDatabaseUrl', process.env.DATABASE_URL);
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-test-'));
  const server = await startEmbeddedServer(dataDir, createLogger('warn'));
  project.provide('adminDatabaseUrl', server.url);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
