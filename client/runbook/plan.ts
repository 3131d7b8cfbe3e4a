/**
 * What a runbook will do, step by step, and the least time it can take: the plan `cutover plan`
 * prints before anything runs. Pure: a function of the validated runbook only.
 */
import { describeThreshold } from '../../workflows/decisions/analysis-decision';
import { weightsFor, type Weights } from '../../workflows/decisions/traffic';
import { driftReadEveryMs } from '../../workflows/decisions/drift';
import { formatDuration } from '../../workflows/runbook/duration';
import { hasBaseline } from '../../workflows/runbook/metric-sides';
import type { Gate, Metric, Runbook } from '../../workflows/runbook/schema';
import { writesPlanOf } from './plan-writes';

export interface PlanStep {
  phase: string;
  /** What happens, one phrase each. */
  what: string[];
  weights?: Weights;
  /** The least time the step takes: a bake, a soak, a TTL waited out. */
  minMs: number;
}

export interface Plan {
  name: string;
  description: string | null;
  steps: PlanStep[];
  analysis: string[];
  /** When a canary step may move up: only on a clean bill. */
  movesUp: string;
  /** How the run keeps reading its DNS record, and what a change by someone else does. */
  dnsReads: string;
  /** False when the runbook says it runs without automatic rollback (analysis.automaticRollback: false). */
  automaticRollback: boolean;
  rollback: string;
  /** Where writes go and how long they stay frozen. */
  writes: string[];
  /** Risks the runbook accepts on purpose, said by plan, start and report. */
  warnings: string[];
  minimum: { totalMs: number; ttlWaitMs: number; bakesMs: number; soakMs: number; gates: number };
  /** The automatic waits that may run longer than their minimum, each with its limit. */
  limits: string[];
}

export function planOf(runbook: Runbook): Plan {
  const gateByName = new Map(runbook.gates.map((gate) => [gate.name, gate]));
  const gateText = (name: string) => describeGate(gateByName.get(name), name, runbook.approvals !== 'unverified');
  const steps: PlanStep[] = [];
  const { dns } = runbook;
  const lowersTtl = dns.lowerTtlTo !== undefined && dns.lowerTtlTo < dns.ttl;

  const baselines = runbook.analysis.metrics.concat(runbook.acceptance?.checks ?? []).filter(hasBaseline).map((metric) => metric.name);
  steps.push({
    phase: 'preflight',
    what: [
      `check that every provider answers (${providersOf(runbook)})`,
      ...(baselines.length > 0 ? [`capture the baseline of ${baselines.join(', ')} on blue`] : []),
      ...(lowersTtl ? [`lower the TTL of ${dns.record} from ${formatDuration(dns.ttl)} to ${formatDuration(dns.lowerTtlTo!)} and wait out the old TTL`] : []),
    ],
    minMs: lowersTtl ? dns.ttl : 0,
  });
  if (runbook.startGate) steps.push({ phase: 'gate', what: [gateText(runbook.startGate)], minMs: 0 });
  const writes = writesPlanOf(runbook);
  const switchStep = (afterStep: number) => {
    if (writes.switchStep?.afterStep === afterStep) steps.push({ phase: 'write switch', what: writes.switchStep.what, minMs: 0 });
  };
  if (runbook.hooks.freeze && !writes.switchStep) {
    steps.push({ phase: 'freeze', what: [`freeze writes on blue (${runbook.hooks.freeze.name}) until completion`], minMs: 0 });
  }
  const { replication } = runbook;
  steps.push({
    phase: 'replication',
    what: [`wait until the lag of ${replication.task} is within the RPO of ${formatDuration(runbook.rpo)} (read every ${formatDuration(replication.pollInterval)}, give up after ${formatDuration(replication.timeout)})`],
    minMs: 0,
  });
  if (runbook.drain) {
    const queues = runbook.drain.queues.map((queue) => `${queue.name} ≤ ${queue.maxMessages}`).join(', ');
    steps.push({ phase: 'drain', what: [`wait until ${queues} (read every ${formatDuration(runbook.drain.pollInterval)}, give up after ${formatDuration(runbook.drain.timeout)})`], minMs: 0 });
  }
  const total = runbook.canary.steps.length;
  switchStep(0);
  runbook.canary.steps.forEach((step, index) => {
    steps.push({
      phase: `canary ${index + 1}/${total}`,
      weights: weightsFor(step.weight),
      what: [`bake ${formatDuration(step.bake)}`, ...(step.gate ? [`then ${gateText(step.gate)}`] : [])],
      minMs: step.bake,
    });
    switchStep(index + 1);
  });
  const { acceptance } = runbook;
  if (acceptance) {
    const checks = acceptance.checks.map((check) => check.name);
    steps.push({
      phase: 'acceptance',
      what: [
        ...(acceptance.tests.length > 0 ? [`run ${acceptance.tests.map((test) => test.name).join(', ')} once`] : []),
        `soak ${formatDuration(acceptance.soak)}${checks.length > 0 ? ` with ${checks.join(', ')} passing throughout` : ''}`,
      ],
      minMs: acceptance.soak,
    });
  }
  if (runbook.signoffGate) steps.push({ phase: 'signoff', what: [gateText(runbook.signoffGate)], minMs: 0 });
  steps.push({
    phase: 'complete',
    what: [
      ...(lowersTtl ? [`restore the TTL to ${formatDuration(dns.ttl)}`] : []),
      ...(runbook.hooks.freeze && runbook.hooks.unfreeze && !writes.switchStep ? [`unfreeze writes on green (${runbook.hooks.unfreeze.name})`] : []),
      'report',
    ],
    minMs: 0,
  });

  const ttlWaitMs = lowersTtl ? dns.ttl : 0;
  const bakesMs = runbook.canary.steps.reduce((sum, step) => sum + step.bake, 0);
  const soakMs = acceptance?.soak ?? 0;
  const gates = [runbook.startGate, runbook.signoffGate, ...runbook.canary.steps.map((step) => step.gate)].filter(Boolean).length;
  return {
    name: runbook.name,
    description: runbook.description ?? null,
    steps,
    analysis: [
      ...runbook.analysis.metrics.map((metric) => metricText(metric, '')),
      ...(acceptance?.checks ?? []).map((metric) => metricText(metric, ' (acceptance)')),
    ],
    movesUp: 'a step moves up (and acceptance or sign-off begins) only on a clean bill: no trigger crossed, its sustain window still running included, no metric read failing, every metric sampled; otherwise it holds its weight until they clear, or a window completes into a breach',
    dnsReads: `reads the weights of ${dns.record} every ${formatDuration(driftReadEveryMs(runbook))} while it holds it and before each change; a change by anyone else (drift) pauses it with no DNS write until a person resumes (it carries on from the weights read) or aborts (rollback)`,
    automaticRollback: runbook.analysis.automaticRollback,
    rollback: rollbackText(runbook, writes.rollback),
    writes: writes.lines,
    warnings: writes.warning ? [writes.warning] : [],
    minimum: { totalMs: ttlWaitMs + bakesMs + soakMs, ttlWaitMs, bakesMs, soakMs, gates },
    limits: limitsOf(runbook),
  };
}

/** "dns route53, replication dms, queues sqs, metrics prometheus and cloudwatch", or "all simulated". */
function providersOf(runbook: Runbook): string {
  const metrics = [...new Set([...runbook.analysis.metrics, ...(runbook.acceptance?.checks ?? [])].map((metric) => metric.provider))];
  const sections: [string, string[]][] = [
    ['dns', [runbook.dns.provider]],
    ['replication', [runbook.replication.provider]],
    ...(runbook.drain ? [['queues', [runbook.drain.provider]] as [string, string[]]] : []),
    ...(metrics.length > 0 ? [['metrics', metrics] as [string, string[]]] : []),
  ];
  const names = new Set(sections.flatMap(([, providers]) => providers));
  if (names.size === 1) return `all ${[...names][0]}`;
  return sections.map(([section, providers]) => `${section} ${providers.join(' and ')}`).join(', ');
}

function describeGate(gate: Gate | undefined, name: string, signed: boolean): string {
  if (!gate) return `gate "${name}"`;
  const rule = gate.twoPersonRule ? ` (two-person rule: not the starter${signed ? ', who must sign the start' : ''})` : '';
  const timeout = gate.timeout === undefined ? 'no timeout' : `after ${formatDuration(gate.timeout)} with no decision: ${gate.onTimeout === 'reject' ? 'reject' : 'keep waiting'}`;
  return `gate "${name}", approved by ${gate.approvers.join(' or ')}${rule}; ${timeout}`;
}

function metricText(metric: Metric, suffix: string): string {
  const sustained = metric.for > 0 ? ` for ${formatDuration(metric.for)}` : '';
  return `${metric.name}${suffix} ${describeThreshold(metric, null)}${sustained} → ${metric.onBreach}; no data: ${metric.noData}`;
}

function rollbackText(runbook: Runbook, dataFirst: string[]): string {
  const parts = [...dataFirst, 'DNS back to 100% blue, read back to verify'];
  const greenQueues = runbook.writes.mode === 'switch' ? runbook.writes.greenQueues : undefined;
  if (greenQueues) parts.push(`drain green's ${greenQueues.queues.map((queue) => queue.name).join(', ')}`);
  if (runbook.hooks.freeze && runbook.hooks.unfreeze) parts.push('unfreeze writes on blue');
  if (runbook.dns.lowerTtlTo !== undefined && runbook.dns.lowerTtlTo < runbook.dns.ttl) parts.push('restore the TTL');
  parts.push('notify');
  const { escalateAfter, giveUpAfter } = runbook.rollback;
  return `${parts.join(', ')}; escalate after ${formatDuration(escalateAfter)}, give up after ${formatDuration(giveUpAfter)}`;
}

function limitsOf(runbook: Runbook): string[] {
  const limits = [`replication up to ${formatDuration(runbook.replication.timeout)}`];
  if (runbook.drain) limits.push(`drain up to ${formatDuration(runbook.drain.timeout)}`);
  limits.push(`each DNS change in sync within ${formatDuration(runbook.dns.syncTimeout)}`);
  for (const gate of runbook.gates) {
    limits.push(gate.timeout === undefined ? `gate "${gate.name}" waits for as long as it takes` : `gate "${gate.name}" up to ${formatDuration(gate.timeout)}`);
  }
  return limits;
}
