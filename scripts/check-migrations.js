// Fails when the schema files and the committed migrations differ: generates migrations into a
// scratch copy of db/migrations and checks that nothing new appeared.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';

// drizzle-kit only takes an output folder relative to the project, so the scratch copy lives in dist/.
const scratch = `dist/migrations-check-${process.pid}`;
try {
  cpSync('db/migrations', scratch, { recursive: true });
  const before = new Set(readdirSync(scratch));
  execFileSync(
    'npx',
    [
      'drizzle-kit',
      'generate',
      '--dialect',
      'postgresql',
      '--schema',
      './src/modules/*/schema.ts',
      '--out',
      scratch,
      '--prefix',
      'timestamp',
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const added = readdirSync(scratch).filter((name) => !before.has(name));
  if (added.length > 0) {
    console.error(
      `Schema and migrations differ: run "npm run db:generate" and commit the result (would add ${added.join(', ')}).`,
    );
    process.exitCode = 1;
  } else {
    console.log('Schema and migrations agree.');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
