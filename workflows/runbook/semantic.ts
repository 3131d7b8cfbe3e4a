/**
 * Checks that need the whole runbook, run once the schema has passed: each field can be well formed
 * while the runbook as a whole still could never complete (weights that never reach 100, a gate no
 * one may pass) or would be unsafe (bakes shorter than the DNS TTL). Pure, so each rule has a test.
 */
import { formatDuration } from './duration';
import type { Metric, Runbook } from './schema';
import { closestName, type RunbookProblem } from './problems';
import { baselineField, hasBaseline } from './metric-sides';
import { providerProblems } from './provider-rules';

/** Temporal timers fire at one-second resolution: a shorter interval would only pretend to sample faster. */
export const MIN_ANALYSIS_INTERVAL_MS = 1_000;

/** Every semantic problem in a schema-valid runbook; empty when it can run. */
export function semanticProblems(runbook: Runbook): RunbookProblem[] {
  return [
    ...timingProblems(runbook),
    ...canaryProblems(runbook),
    ...gateProblems(runbook),
    ...metricProblems(runbook),
    ...providerProblems(runbook),
    ...duplicateNames(
      (runbook.drain?.queues ?? []).map((queue, i) => ({ name: queue.name, path: `drain.queues[${i}]` })),
      (name, first) => `queue "${name}" is already listed at ${first}; list each queue once (maxMessages sets its limit)`,
    ),
  ];
}

function timingProblems(runbook: Runbook): RunbookProblem[] {
  const problems: RunbookProblem[] = [];
  if (runbook.rpo <= 0) {
    problems.push({
      path: 'rpo',
      message: 'must be longer than 0s: rpo is the replication lag (data loss) you accept at the switch; write e.g. "5s"',
    });
  }
  if (runbook.analysis.interval < MIN_ANALYSIS_INTERVAL_MS) {
    problems.push({
      path: 'analysis.interval',
      message:
        `${formatDuration(runbook.analysis.interval)} is shorter than 1s: metrics are measured once per interval on ` +
        'durable timers, which fire at one-second resolution; write "1s" or more, e.g. "30s"',
    });
  }
  const { ttl, lowerTtlTo } = runbook.dns;
  if (lowerTtlTo !== undefined && lowerTtlTo >= ttl) {
    problems.push({
      path: 'dns.lowerTtlTo',
      message:
        `${formatDuration(lowerTtlTo)} is not lower than dns.ttl ${formatDuration(ttl)}: ` +
        `set it below ${formatDuration(ttl)} to shorten the bakes, or remove it`,
    });
  }
  return problems;
}

function canaryProblems(runbook: Runbook): RunbookProblem[] {
  const problems: RunbookProblem[] = [];
  const steps = runbook.canary.steps;
  const { ttl, lowerTtlTo } = runbook.dns;
  const effectiveTtl = lowerTtlTo ?? ttl;
  const ttlName = lowerTtlTo === undefined ? 'dns.ttl' : 'dns.lowerTtlTo';

  steps.forEach((step, i) => {
    const path = `canary.steps[${i}]`;
    if (i === 0 && step.weight <= 0) {
      problems.push({
        path: `${path}.weight`,
        message: 'the first step must send green some traffic: write a weight above 0, e.g. 10',
      });
    }
    const previous = steps[i - 1];
    if (previous && step.weight <= previous.weight) {
      problems.push({
        path: `${path}.weight`,
        message:
          `weight ${step.weight} does not rise above the previous step's ${previous.weight}: ` +
          'each step must send green more traffic than the one before, e.g. 10, 25, 50, 100',
      });
    }
    // Resolvers may serve the previous weights for a whole TTL: a shorter bake would judge green on
    // traffic it has not yet received.
    if (step.bake < effectiveTtl) {
      problems.push({
        path: `${path}.bake`,
        message:
          `bake ${formatDuration(step.bake)} is shorter than the DNS TTL ${formatDuration(effectiveTtl)} (${ttlName}): ` +
          `clients may not see the new weight before the bake ends; bake for at least ${formatDuration(effectiveTtl)}`,
      });
    }
  });

  const last = steps[steps.length - 1];
  if (last && last.weight !== 100) {
    problems.push({
      path: `canary.steps[${steps.length - 1}].weight`,
      message: `the last step has weight ${last.weight}, but the cutover ends with all traffic on green: make the last step weight 100`,
    });
  }
  return problems;
}

function gateProblems(runbook: Runbook): RunbookProblem[] {
  const problems: RunbookProblem[] = [];
  const defined = runbook.gates.map((gate) => gate.name);

  runbook.gates.forEach((gate, i) => {
    if (gate.approvers.length === 0) {
      problems.push({
        path: `gates[${i}].approvers`,
        message: 'a gate without approvers can never be passed; list who may approve, e.g. [alice, bob]',
      });
    }
  });
  problems.push(
    ...duplicateNames(
      runbook.gates.map((gate, i) => ({ name: gate.name, path: `gates[${i}]` })),
      (name, first) => `gate "${name}" is already defined at ${first}; give each gate its own name`,
    ),
  );

  const references = [
    { path: 'startGate', name: runbook.startGate },
    ...runbook.canary.steps.map((step, i) => ({ path: `canary.steps[${i}].gate`, name: step.gate })),
    { path: 'signoffGate', name: runbook.signoffGate },
  ].filter((ref): ref is { path: string; name: string } => ref.name !== undefined);

  const usedBy = new Map<string, string>();
  for (const ref of references) {
    if (!defined.includes(ref.name)) {
      problems.push({ path: ref.path, message: undefinedGateMessage(ref.name, defined) });
      continue;
    }
    const earlier = usedBy.get(ref.name);
    if (earlier !== undefined) {
      problems.push({
        path: ref.path,
        message: `gate "${ref.name}" is already used by ${earlier}; a gate is passed once, so define another gate for this point`,
      });
      continue;
    }
    usedBy.set(ref.name, ref.path);
  }

  runbook.gates.forEach((gate, i) => {
    if (!usedBy.has(gate.name) && defined.indexOf(gate.name) === i) {
      problems.push({
        path: `gates[${i}].name`,
        message:
          `gate "${gate.name}" is never used (a typo in a reference?); ` +
          'name it in startGate, signoffGate or a canary step\'s gate, or remove it',
      });
    }
  });
  return problems;
}

function undefinedGateMessage(name: string, defined: string[]): string {
  if (defined.length === 0) {
    return `no gate named "${name}": define it under gates, e.g. - { name: ${name}, approvers: [alice] }`;
  }
  const closest = closestName(name, defined);
  const guess = closest === undefined ? '' : ` (did you mean "${closest}"?)`;
  const known = [...new Set(defined)].map((gate) => `"${gate}"`).join(', ');
  return `no gate named "${name}" in gates${guess}; define it under gates or use one of: ${known}`;
}

function metricProblems(runbook: Runbook): RunbookProblem[] {
  const metrics: { metric: Metric; path: string }[] = [
    ...runbook.analysis.metrics.map((metric, i) => ({ metric, path: `analysis.metrics[${i}]` })),
    ...(runbook.acceptance?.checks ?? []).map((metric, i) => ({ metric, path: `acceptance.checks[${i}]` })),
  ];
  const problems: RunbookProblem[] = [];
  for (const { metric, path } of metrics) {
    const { threshold } = metric;
    if (threshold.relativeToBaseline && !hasBaseline(metric)) {
      problems.push({
        path: `${path}.threshold`,
        message:
          `threshold ${threshold.direction} "baseline * ${threshold.value}" needs a baseline measured on blue, ` +
          `but the metric has no ${baselineField(metric)}: add ${baselineField(metric)} (the same measurement on blue) or use a fixed number`,
      });
    }
  }
  problems.push(
    ...duplicateNames(
      metrics.map(({ metric, path }) => ({ name: metric.name, path })),
      (name, first) =>
        `metric "${name}" is already defined at ${first}; names must be unique across analysis.metrics and ` +
        'acceptance.checks, because a rollback reason names the metric',
    ),
  );
  return problems;
}

/** A problem at `<path>.name` for every entry whose name an earlier entry already has. */
function duplicateNames(
  entries: { name: string; path: string }[],
  message: (name: string, firstPath: string) => string,
): RunbookProblem[] {
  const first = new Map<string, string>();
  const problems: RunbookProblem[] = [];
  for (const { name, path } of entries) {
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, path);
    else problems.push({ path: `${path}.name`, message: message(name, earlier) });
  }
  return problems;
}
