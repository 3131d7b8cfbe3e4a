/** Where `cutover` writes: results on stdout, messages and progress on stderr, colour only on a terminal. */
import { escapeUnsafe } from '../workflows/runbook/text';
import { paletteFor, wantsColour, type Palette } from './render';

export function palette(stream: NodeJS.WriteStream = process.stdout): Palette {
  return paletteFor(wantsColour(stream.isTTY, process.env));
}

export function print(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function printError(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** The terminal's width, or 80 columns when the output goes to a file or a pipe. */
export function outputWidth(stream: NodeJS.WriteStream = process.stdout): number {
  return stream.isTTY && stream.columns ? stream.columns : 80;
}

/** Said once on stderr while a one-shot command waits for a cutover moving to a new worker. */
export function printMoving(noWorker: { message: string }): void {
  printError(escapeUnsafe(`${noWorker.message}; waiting for it`, { oneLine: true }));
}
