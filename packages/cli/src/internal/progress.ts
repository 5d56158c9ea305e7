import type { OutputStream, Paint } from './io.js';

/** A one-line progress bar on stderr, redrawn in place. */
export interface Progress {
  /** Redraws the bar with `done` of the total handled. */
  update(done: number, failed: number): void;
  /** Clears the bar so that the summary starts on a clean line. */
  finish(): void;
}

const WIDTH = 28;

/**
 * A progress bar over `total` recipients, drawn on `stream` (stderr) only when `enabled`: by
 * default when stderr is a terminal, so that logs and pipes never collect carriage returns.
 */
export function createProgress(
  stream: OutputStream,
  total: number,
  enabled: boolean,
  paint: Paint,
): Progress {
  if (!enabled || total === 0) return { update() {}, finish() {} };
  let drawn = false;
  const draw = (done: number, failed: number) => {
    const filled = Math.round((done / total) * WIDTH);
    const bar =
      paint('█'.repeat(filled), failed > 0 ? 'yellow' : 'green') +
      paint('░'.repeat(WIDTH - filled), 'dim');
    const percent = `${Math.floor((done / total) * 100)}%`.padStart(4);
    const failures = failed > 0 ? paint(`, ${failed} failed`, 'red') : '';
    stream.write(`\r${bar} ${percent} ${done}/${total} recipients${failures}\u001b[K`);
    drawn = true;
  };
  draw(0, 0);
  return {
    update: draw,
    finish() {
      if (drawn) stream.write('\r\u001b[K');
    },
  };
}
