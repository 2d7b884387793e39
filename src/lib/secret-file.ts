import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Returns the secret from the environment, or the one stored in the data dir, creating it on
 * first run. Losing it makes encrypted provider keys unreadable, so it is written once, 0600.
 */
export function resolveSecret(secretFromEnv: string | undefined, dataDir: string): string {
  if (secretFromEnv) return secretFromEnv;
  const file = join(dataDir, 'secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return secret;
}
