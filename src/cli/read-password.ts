import { createInterface } from 'node:readline';

/**
 * Reads a password: from a prompt that does not echo when a person is at the terminal, or the
 * first line of standard input when piped (`echo "$PW" | tollgate admin create …`).
 */
export async function readPassword(prompt: string): Promise<string> {
  const interactive = process.stdin.isTTY;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: interactive });
  if (interactive) {
    process.stdout.write(prompt);
    // Mute the echo of what is typed; only the prompt itself was written.
    (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => undefined;
  }
  try {
    const line = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    if (interactive) process.stdout.write('\n');
    return line;
  } finally {
    rl.close();
  }
}
