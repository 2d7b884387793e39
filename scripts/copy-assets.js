// Copies the non-TypeScript files that live beside the code (data files such as the
// common-password list) into dist/, so the built program finds them at the same relative path.
import { cpSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname, extname } from 'node:path';

const codeExtensions = new Set(['.ts', '.tsx']);

function copyData(fromDir, toDir) {
  for (const name of readdirSync(fromDir)) {
    const from = join(fromDir, name);
    const to = join(toDir, name);
    if (statSync(from).isDirectory()) copyData(from, to);
    else if (!codeExtensions.has(extname(name))) {
      mkdirSync(dirname(to), { recursive: true });
      cpSync(from, to);
    }
  }
}

copyData('src', join('dist', 'src'));
