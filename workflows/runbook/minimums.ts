/**
 * The shortest a wait or a timeout may be, where zero (or next to it) makes no sense: a poll that
 * never pauses floods the provider and the cutover's history, a timeout that ends before the first
 * answer fails every time. Rehearsals on the simulated clouds run with sub-second polls and gates,
 * so these stop short of production values; `plan` shows what a runbook chose.
 */
import { formatDuration } from './duration';
import type { RunbookProblem } from './problems';
import type { Runbook } from './schema';

export const MINIMUM_MS = {
  /** Each poll is a provider API call and events in the cutover's history. */
  poll: 100,
  /** Replication and drain: at least one poll's round trip must fit. */
  phaseTimeout: 1_000,
  /** A weight change takes a moment to reach every name server. */
  syncTimeout: 1_000,
  /** Less than anyone could answer in. */
  gateTimeout: 500,
  /** One HTTP round trip: a hook, a probe request. */
  request: 100,
  /** The rollback's own retries back off from a second. */
  rollback: 1_000,
} as const;

type Wait = { path: string; ms: number | undefined; min: number; what: string };

export function minimumProblems(runbook: Runbook): RunbookProblem[] {
  const waits: Wait[] = [
    { path: 'dns.syncTimeout', ms: runbook.dns.syncTimeout, min: MINIMUM_MS.syncTimeout, what: 'a weight change needs time to be in sync' },
    { path: 'replication.pollInterval', ms: runbook.replication.pollInterval, min: MINIMUM_MS.poll, what: 'each read of the lag is a call to the provider' },
    { path: 'replication.timeout', ms: runbook.replication.timeout, min: MINIMUM_MS.phaseTimeout, what: 'the lag must be read at least once' },
    { path: 'rollback.escalateAfter', ms: runbook.rollback.escalateAfter, min: MINIMUM_MS.rollback, what: 'a rollback retries with backoff from 1s' },
    { path: 'rollback.giveUpAfter', ms: runbook.rollback.giveUpAfter, min: MINIMUM_MS.rollback, what: 'a rollback retries with backoff from 1s' },
  ];
  if (runbook.drain) {
    waits.push(
      { path: 'drain.pollInterval', ms: runbook.drain.pollInterval, min: MINIMUM_MS.poll, what: 'each read of a queue is a call to the provider' },
      { path: 'drain.timeout', ms: runbook.drain.timeout, min: MINIMUM_MS.phaseTimeout, what: 'the queues must be read at least once' },
    );
  }
  if (runbook.writes.mode === 'switch') {
    waits.push({ path: 'writes.timeout', ms: runbook.writes.timeout, min: MINIMUM_MS.phaseTimeout, what: 'the lag must be read at least once' });
    const green = runbook.writes.greenQueues;
    if (green) {
      waits.push(
        { path: 'writes.greenQueues.pollInterval', ms: green.pollInterval, min: MINIMUM_MS.poll, what: 'each read of a queue is a call to the provider' },
        { path: 'writes.greenQueues.timeout', ms: green.timeout, min: MINIMUM_MS.phaseTimeout, what: 'the queues must be read at least once' },
      );
    }
  }
  runbook.gates.forEach((gate, i) => {
    waits.push({ path: `gates[${i}].timeout`, ms: gate.timeout, min: MINIMUM_MS.gateTimeout, what: 'no one could answer the gate in time' });
  });
  const hooks = [
    ...(['freeze', 'unfreeze', 'switchWrites'] as const).map((key) => ({ hook: runbook.hooks[key], path: `hooks.${key}` })),
    ...(runbook.acceptance?.tests ?? []).map((hook, i) => ({ hook, path: `acceptance.tests[${i}]` })),
  ];
  for (const { hook, path } of hooks) {
    if (hook) waits.push({ path: `${path}.timeout`, ms: hook.timeout, min: MINIMUM_MS.request, what: 'the hook needs one HTTP round trip' });
  }
  const metrics = [
    ...runbook.analysis.metrics.map((metric, i) => ({ metric, path: `analysis.metrics[${i}]` })),
    ...(runbook.acceptance?.checks ?? []).map((metric, i) => ({ metric, path: `acceptance.checks[${i}]` })),
  ];
  for (const { metric, path } of metrics) {
    if (metric.provider === 'http-probe') waits.push({ path: `${path}.timeout`, ms: metric.timeout, min: MINIMUM_MS.request, what: 'a probe request needs one HTTP round trip' });
    if (metric.provider === 'cloudwatch') waits.push({ path: `${path}.period`, ms: metric.period, min: 1_000, what: 'CloudWatch periods are whole seconds' });
  }
  return waits
    .filter((wait): wait is Wait & { ms: number } => wait.ms !== undefined && wait.ms < wait.min)
    .map(({ path, ms, min, what }) => ({
      path,
      message: `${formatDuration(ms)} is shorter than ${formatDuration(min)}, the least it may be (${what}); write "${formatDuration(min)}" or more`,
    }));
}
