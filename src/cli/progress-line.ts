/** Where a long command reports how far it got: standard error, so standard output stays clean. */
export interface ProgressLine {
  /** `fraction` from 0 to 1, and a few words on where it stands. */
  update(fraction: number, text: string): void;
  /** Clears the line on a terminal; the caller prints its result after. */
  done(): void;
}

const barWidth = 24;
// A terminal redraws at most this often: repainting on every step would cost more than the work.
const redrawMs = 80;

function percent(fraction: number): string {
  return `${Math.floor(Math.min(1, Math.max(0, fraction)) * 100)}%`.padStart(4);
}

function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]`;
}

/**
 * On a terminal: one line with a bar, redrawn in place. Otherwise (a log file, CI, a pipe): a plain
 * line each time another tenth is done, so logs show progress without thousands of lines.
 */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  if (stream.isTTY) {
    let drawnAt = 0;
    let drawn = false;
    return {
      update(fraction, text) {
        const now = performance.now();
        if (fraction < 1 && now - drawnAt < redrawMs) return;
        drawnAt = now;
        drawn = true;
        const line = `${bar(fraction)} ${percent(fraction)}  ${text}`;
        stream.write(`\r${line.slice(0, Math.max(20, (stream.columns || 80) - 1))}\x1b[K`);
      },
      done() {
        if (drawn) stream.write('\r\x1b[K');
      },
    };
  }
  let tenths = -1;
  return {
    update(fraction, text) {
      const reached = Math.floor(Math.min(1, Math.max(0, fraction)) * 10);
      if (reached <= tenths) return;
      tenths = reached;
      stream.write(`${percent(fraction)}  ${text}\n`);
    },
    done() {},
  };
}
