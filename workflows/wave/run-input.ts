/**
 * What makes a wave's input unfit to run, checked by the client before anything starts and again by
 * the wave workflow (a wave started without the client gets the same checks). Pure.
 */
import { jsonBytes } from '../runbook/limits';
import type { RunbookProblem } from '../runbook/problems';
import type { WaveRunInput } from './messages';
import { approvalPolicyProblems, waveProblems } from './rules';

/**
 * The whole wave (its runbooks included) is the wave workflow's input and lands in its history:
 * three quarters of the server's 2 MiB payload limit, so 200 applications with runbooks of a few
 * KiB each fit with room to spare, and a runbook at its own 128 KiB limit fits a dozen times.
 */
export const WAVE_INPUT_BYTES = 1536 * 1024;

export function waveRunProblems(input: WaveRunInput): RunbookProblem[] {
  const { wave, members } = input;
  const problems = [...waveProblems(wave)];
  wave.applications.forEach((app, i) => {
    if (members[i]?.name !== app.name) problems.push({ path: `applications[${i}]`, message: `${app.name} has no runbook in the wave's input; start the wave with cutover wave start` });
  });
  problems.push(...approvalPolicyProblems(input));
  const bytes = jsonBytes(input);
  if (bytes > WAVE_INPUT_BYTES) {
    const kib = (n: number) => `${Math.ceil(n / 1024)} KiB`;
    problems.push({
      path: 'applications',
      message: `the wave and its runbooks come to ${kib(bytes)} as the wave's input, more than the ${kib(WAVE_INPUT_BYTES)} allowed (it is stored in the workflow history); split the wave in two, or shorten the runbooks`,
    });
  }
  return problems;
}
