/**
 * Reads a wave file and every runbook it names, or fails with every problem at once: the wave's own
 * (each with its line), and each runbook's, prefixed with the application and the runbook file.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, RunbookError, type RunbookProblem } from '../../workflows/runbook/problems';
import { LIMITS } from '../../workflows/runbook/limits';
import type { Runbook } from '../../workflows/runbook/schema';
import { escapeUnsafe } from '../../workflows/runbook/text';
import { sharedRecordProblems, waveProblems } from '../../workflows/wave/rules';
import { waveSchema, type Wave, type WaveApplication } from '../../workflows/wave/schema';
import { decodeRunbook } from '../runbook/encoding';
import { fileSizeProblem, findYamlProblems, loadRunbook, unreadableMessage } from '../runbook/load';

export interface WaveMember {
  application: WaveApplication;
  /** The runbook file as the wave names it, resolved against the wave file's folder. */
  file: string;
  runbook: Runbook;
}

export interface LoadedWave {
  wave: Wave;
  members: WaveMember[];
}

/** The wave in `file` with its runbooks, or a RunbookError naming the wave file and listing every problem. */
export function loadWave(file: string): LoadedWave {
  const text = readWaveText(file);
  let members: WaveMember[] = [];
  const found = findYamlProblems(text, waveSchema, {
    empty: 'the file is empty; start from examples/wave-orders.yaml',
    semantic: (wave) => {
      const loaded = loadMembers(wave, path.dirname(file));
      members = loaded.members;
      return [...waveProblems(wave), ...loaded.problems];
    },
  });
  if ('problems' in found) throw new RunbookError(file, found.problems, 'wave');
  return { wave: found.value, members };
}

function readWaveText(file: string): string {
  try {
    // Sized before it is read, as a runbook is.
    const size = statSync(file).size;
    if (size > LIMITS.fileBytes) throw new RunbookError(file, [fileSizeProblem(size)], 'wave');
    const decoded = decodeRunbook(readFileSync(file));
    if ('problem' in decoded) throw new RunbookError(file, [decoded.problem], 'wave');
    return decoded.text;
  } catch (error) {
    if (error instanceof RunbookError) throw error;
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const message = missing ? 'no such file; check the path (examples/wave-orders.yaml shows what a wave looks like)' : unreadableMessage(error);
    throw new RunbookError(file, [{ path: '', message }], 'wave');
  }
}

function loadMembers(wave: Wave, folder: string): { members: WaveMember[]; problems: RunbookProblem[] } {
  const members: WaveMember[] = [];
  const problems: RunbookProblem[] = [];
  wave.applications.forEach((application, index) => {
    const file = path.isAbsolute(application.runbook) ? application.runbook : path.join(folder, application.runbook);
    try {
      members.push({ application, file, runbook: loadRunbook(file) });
    } catch (error) {
      if (!(error instanceof RunbookError)) throw error;
      const name = escapeUnsafe(application.name, { oneLine: true });
      for (const problem of error.problems) {
        problems.push({ path: `applications[${index}].runbook`, message: `${name}: ${formatProblem(file, problem)}` });
      }
    }
  });
  const records = members.map((member) => ({
    index: wave.applications.indexOf(member.application),
    name: member.application.name,
    record: member.runbook.dns.record,
  }));
  return { members, problems: [...problems, ...sharedRecordProblems(records)] };
}
