/**
 * Anything that takes more than a second says so: on a terminal a spinner on stderr with the time
 * spent. Into a log only work that is plainly slow says so, in one line, so scripts stay quiet.
 */
export const SPINNER_AFTER_MS = 1_000;
export const LOG_LINE_AFTER_MS = 5_000;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export async function withSpinner<T>(label: string, work: () => Promise<T>, stream: NodeJS.WriteStream = process.stderr): Promise<T> {
  const started = Date.now();
  let ticker: NodeJS.Timeout | undefined;
  let frame = 0;
  const show = setTimeout(() => {
    if (!stream.isTTY) {
      stream.write(`${label}… (${Math.round((Date.now() - started) / 1000)}s so far)\n`);
      return;
    }
    const draw = () => {
      const seconds = Math.floor((Date.now() - started) / 1000);
      stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${label}… ${seconds}s\x1b[K`);
    };
    draw();
    ticker = setInterval(draw, 100);
  }, stream.isTTY ? SPINNER_AFTER_MS : LOG_LINE_AFTER_MS);
  try {
    return await work();
  } finally {
    clearTimeout(show);
    if (ticker) {
      clearInterval(ticker);
      stream.write('\r\x1b[K');
    }
  }
}
