import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The fonts stay in the dejavu-fonts-ttf package and are found through Node's resolution, so
// the same lookup works from src/ under tsx and from dist/ after a build. DejaVu covers Latin,
// Greek and Cyrillic, which the 14 standard PDF fonts (WinAnsi only) cannot print.
const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const documentFonts = {
  regular: join(fontDir, 'DejaVuSans.ttf'),
  bold: join(fontDir, 'DejaVuSans-Bold.ttf'),
} as const;
