/**
 * Starting a wave: its input built from the loaded wave (every runbook validated, every cutover id
 * made and checked) and refused with every problem named before anything is sent to Temporal.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { wave } from '../../workflows';
import { RunbookError } from '../../workflows/runbook/problems';
import type { WaveRunInput } from '../../workflows/wave/messages';
import { waveRunProblems } from '../../workflows/wave/run-input';
import { cutoverId, cutoverIdProblem } from '../start-cutover';
import { DEFAULT_TASK_QUEUE } from '../task-queue';
import type { LoadedWave } from './load';

/** `<wave name>-<yyyyMMdd-HHmmss>`, as a cutover's default id. */
export function waveId(waveName: string, at: Date): string {
  return cutoverId(waveName, at);
}

/** An application's cutover id: its own `id`, else `<wave id>-<application name>`, unique to this run of the wave. */
export function applicationId(waveRunId: string, application: { name: string; id?: string }): string {
  return application.id ?? `${waveRunId}-${application.name}`;
}

/** The wave workflow's input, or a RunbookError naming the wave file and every problem. */
export function waveRunInput(file: string, loaded: LoadedWave, options: { waveId: string; startedBy: string }): WaveRunInput {
  const input: WaveRunInput = {
    wave: loaded.wave,
    members: loaded.members.map((member) => ({ name: member.application.name, id: applicationId(options.waveId, member.application), runbook: member.runbook })),
    startedBy: options.startedBy,
  };
  const problems = waveRunProblems(input);
  input.members.forEach((member, i) => {
    const problem = cutoverIdProblem(member.id);
    const field = loaded.wave.applications[i]!.id === undefined ? 'name' : 'id';
    if (problem) problems.push({ path: `applications[${i}].${field}`, message: `the cutover id "${member.id}" ${problem}; give the application an "id" of at most 200 letters, digits, ".", "_" or "-"` });
  });
  if (problems.length > 0) throw new RunbookError(file, problems, 'wave');
  return input;
}

export function startWave(client: Client, input: WaveRunInput, options: { workflowId: string; taskQueue?: string }): Promise<WorkflowHandle<typeof wave>> {
  return client.workflow.start(wave, {
    taskQueue: options.taskQueue ?? DEFAULT_TASK_QUEUE,
    workflowId: options.workflowId,
    args: [input],
    memo: { wave: input.wave.name, startedBy: input.startedBy },
  });
}
