import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../lib/package-root.js';

const require = createRequire(import.meta.url);

const files: Record<string, { path: string; type: string }> = {
  'app.css': { path: join(packageRoot, 'public', 'app.css'), type: 'text/css; charset=utf-8' },
  'app.js': { path: join(packageRoot, 'public', 'app.js'), type: 'text/javascript; charset=utf-8' },
  'favicon.svg': { path: join(packageRoot, 'public', 'favicon.svg'), type: 'image/svg+xml' },
  'htmx.min.js': {
    path: require.resolve('htmx.org/dist/htmx.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

export interface AssetUrls {
  [name: string]: string;
}

/**
 * Serves the few static files from memory with a content hash in the URL, so browsers may cache
 * them for a year and still get a new file after an upgrade. No CDN is ever involved.
 */
export function registerAssets(app: FastifyInstance): AssetUrls {
  const urls: AssetUrls = {};
  for (const [name, file] of Object.entries(files)) {
    const body = readFileSync(file.path);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    urls[name] = `/assets/${hash}/${name}`;
    app.get(urls[name], { config: { rateLimit: false }, logLevel: 'warn' }, async (_request, reply) => {
      reply.type(file.type).header('cache-control', 'public, max-age=31536000, immutable');
      return body;
    });
  }
  return urls;
}
