/** Waves written to a temporary folder with their runbooks, for tests that break one thing in them. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWave } from '../../client/wave/load';
import { RunbookError, type RunbookProblem } from '../../workflows/runbook/problems';
import { MINIMAL } from '../runbook/fixtures';

/** MINIMAL on its own DNS record. */
export function runbookOn(record: string): string {
  return MINIMAL.replace('record: app.example.com', `record: ${record}`);
}

/** A valid wave of three: a, then b and c. */
export const WAVE = `name: test-wave
applications:
  - name: a
    runbook: a.yaml
  - name: b
    runbook: b.yaml
    after: [a]
  - name: c
    runbook: c.yaml
    after: [a]
maxParallel: 2
`;

export const RUNBOOKS: Record<string, string> = {
  'a.yaml': runbookOn('a.example.com'),
  'b.yaml': runbookOn('b.example.com'),
  'c.yaml': runbookOn('c.example.com'),
};

/** Writes the wave and its runbooks into a new folder; returns the wave file's path. */
export function writeWave(wave: string, runbooks: Record<string, string> = RUNBOOKS): string {
  const folder = mkdtempSync(join(tmpdir(), 'wave-'));
  for (const [file, text] of Object.entries(runbooks)) writeFileSync(join(folder, file), text);
  const file = join(folder, 'wave.yaml');
  writeFileSync(file, wave);
  return file;
}

/** The problems loadWave finds, with the error's message, or a failure when it finds none. */
export function waveProblems(wave: string, runbooks?: Record<string, string>): { problems: RunbookProblem[]; message: string; file: string } {
  const file = writeWave(wave, runbooks);
  try {
    loadWave(file);
  } catch (error) {
    if (error instanceof RunbookError) return { problems: error.problems, message: error.message, file };
    throw error;
  }
  throw new Error('expected the wave to be refused');
}
