import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find Tollgate package root');
    dir = parent;
  }
  return dir;
}

/** Tollgate's install folder (the same whether running from src/ under tsx or from dist/). */
export const packageRoot = findPackageRoot();
