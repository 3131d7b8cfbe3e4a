/**
 * Waves of fast runbooks on the simulated clouds: each application on its own DNS record and with
 * its own error-rate query, so a breach can be scripted in one application only.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { startWave as startWaveRun } from '../../client/wave/start-wave';
import type { Scenario } from '../../activities/simulated';
import type { Runbook, RunbookInput } from '../../workflows/runbook/schema';
import { wave } from '../../workflows';
import { waveStatusQuery, type WaveRunInput, type WaveStatus } from '../../workflows/wave/messages';
import { waveSchema, type WaveInput } from '../../workflows/wave/schema';
import { uniqueId, type Harness } from '../support/harness';
import { fastRunbook, fastScenario } from '../support/runbooks';

export function appRecord(name: string): string {
  return `${name}.example.com`;
}

/** The query an application's analysis reads on green: set it high to make that application breach. */
export function greenErrorRate(name: string): string {
  return `${name}.green.error_rate`;
}

export function appRunbook(name: string, overrides: Partial<RunbookInput> = {}): Runbook {
  const runbook = fastRunbook({ name: `${name}-app`, ...overrides });
  runbook.dns.record = appRecord(name);
  runbook.analysis.metrics[0] = { ...runbook.analysis.metrics[0]!, provider: 'simulated', query: greenErrorRate(name), baselineQuery: `${name}.blue.error_rate` } as Runbook['analysis']['metrics'][number];
  return runbook;
}

export function waveScenario(names: string[]): Scenario {
  const scenario = fastScenario();
  for (const name of names) {
    scenario.dns![appRecord(name)] = { ttlMs: 500, syncDelayMs: 50 };
    scenario.metrics![greenErrorRate(name)] = 0.01;
    scenario.metrics![`${name}.blue.error_rate`] = 0.01;
  }
  return scenario;
}

/** The wave workflow's input: the wave's fields (applications by name and after) with a fast runbook each. */
export function waveRunInput(fields: Omit<WaveInput, 'applications'> & { applications: Array<{ name: string; after?: string[] }> }, runbooks: Record<string, Runbook> = {}): WaveRunInput {
  const parsed = waveSchema.parse({ ...fields, applications: fields.applications.map((app) => ({ ...app, runbook: `${app.name}.yaml` })) });
  const prefix = uniqueId(parsed.name);
  return {
    wave: parsed,
    members: parsed.applications.map((app) => ({ name: app.name, id: `${prefix}-${app.name}`, runbook: runbooks[app.name] ?? appRunbook(app.name) })),
    startedBy: 'olivia',
  };
}

export function startWave(harness: Harness, taskQueue: string, input: WaveRunInput): Promise<WorkflowHandle<typeof wave>> {
  return startWaveRun(harness.client, input, { workflowId: uniqueId(input.wave.name), taskQueue });
}

/** Polls the wave's status query until the predicate holds; fails with the last status when it never does. */
export async function waitForWave(handle: WorkflowHandle, predicate: (status: WaveStatus) => boolean, timeoutMs = 60_000): Promise<WaveStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: WaveStatus | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(waveStatusQuery);
    if (predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`wave status never matched; last:\n${JSON.stringify(last?.applications.map((app) => [app.name, app.state, app.reason]))}\n${last?.timeline.map((entry) => entry.message).join('\n')}`);
}

export function states(status: WaveStatus): Record<string, string> {
  return Object.fromEntries(status.applications.map((app) => [app.name, app.state]));
}
