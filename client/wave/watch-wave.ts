/**
 * Following a wave until it ends. On a terminal the wave's screen is redrawn in place; into a file
 * or a pipe each line that changed is appended (an application starting, a gate opening, an outcome),
 * and the whole screen once at the end. A worker that stops answering is shown, not fatal.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { UnreachableError } from '../errors';
import { EXIT, type ExitCode } from '../exit-codes';
import { LiveScreen } from '../live-screen';
import type { Palette } from '../render/colour';
import { truncate } from '../render/fit';
import { waveStatusLines } from '../render/wave-status';
import { escapeUnsafe } from '../../workflows/runbook/text';
import { waveExitCode } from './outcome';
import type { Waves, WaveSnapshot } from './waves';

export interface WaveWatchOptions {
  intervalMs: number;
  colour: Palette;
  stream: NodeJS.WriteStream;
  signal: AbortSignal;
}

export async function watchWave(waves: Waves, id: string, options: WaveWatchOptions): Promise<ExitCode> {
  const screen = options.stream.isTTY ? new LiveScreen(options.stream) : null;
  screen?.start();
  const printed = new Set<string>();
  const show = (snapshot: WaveSnapshot, notice: string | null) => {
    const width = screen?.width ?? 80;
    const lines = waveStatusLines(snapshot, { width, colour: options.colour });
    if (notice) lines.splice(1, 0, truncate(options.colour.yellow(escapeUnsafe(notice, { oneLine: true })), width));
    if (screen) screen.draw(lines.slice(0, screen.height));
    else {
      // Appended: only what has not been printed before, so a log reads as the wave's story.
      for (const line of lines) {
        if (line === '' || printed.has(line)) continue;
        printed.add(line);
        options.stream.write(`${line}\n`);
      }
    }
  };
  try {
    for (;;) {
      try {
        const snapshot = await waves.snapshot(id);
        show(snapshot, null);
        if (snapshot.execution.status !== 'RUNNING') {
          if (!screen) options.stream.write(`\n${waveStatusLines(snapshot, { width: 80, colour: options.colour }).join('\n')}\n`);
          return waveExitCode(snapshot.status);
        }
      } catch (err) {
        if (!(err instanceof UnreachableError)) throw err;
        if (!screen) options.stream.write(`${err.message}\n`);
      }
      try {
        await sleep(options.intervalMs, undefined, { signal: options.signal });
      } catch {
        return EXIT.interrupted;
      }
    }
  } finally {
    screen?.stop();
  }
}
