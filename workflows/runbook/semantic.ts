/**
 * Checks that need the whole runbook, run once the schema has passed: each field can be well formed
 * while the runbook as a whole still could never complete (weights that never reach 100, a gate no
 * one may pass) or would be unsafe (bakes shorter than the DNS TTL). Pure, so each rule has a test.
 */
import { formatDuration } from './duration';
import type { Metric, Runbook } from './schema';
import { duplicateNames, type RunbookProblem } from './problems';
import { gateProblems } from './gate-rules';
import { approvalPolicyProblems } from './approval-rules';
import { minimumProblems } from './minimums';
import { baselineField, hasBaseline } from './metric-sides';
import { providerProblems } from './provider-rules';
import { writeProblems } from './writes';

/** Temporal timers fire at one-second resolution: a shorter interval would only pretend to sample faster. */
export const MIN_ANALYSIS_INTERVAL_MS = 1_000;

/** Every semantic problem in a schema-valid runbook; empty when it can run. */
export function semanticProblems(runbook: Runbook): RunbookProblem[] {
  return [
    ...timingProblems(runbook),
    ...minimumProblems(runbook),
    ...dnsProblems(runbook),
    ...canaryProblems(runbook),
    ...gateProblems(runbook),
    ...approvalPolicyProblems(runbook),
    ...metricProblems(runbook),
    ...providerProblems(runbook),
    ...writeProblems(runbook),
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
  const { escalateAfter, giveUpAfter } = runbook.rollback;
  if (giveUpAfter < escalateAfter) {
    problems.push({
      path: 'rollback.giveUpAfter',
      message:
        `${formatDuration(giveUpAfter)} is shorter than rollback.escalateAfter ${formatDuration(escalateAfter)}: a failing rollback ` +
        `would be given up before anyone is told; give up after ${formatDuration(escalateAfter)} or more`,
    });
  }
  return problems;
}

function dnsProblems(runbook: Runbook): RunbookProblem[] {
  const { blue, green } = runbook.dns;
  if (blue !== green) return [];
  return [
    {
      path: 'dns.green',
      message: 'is the same as dns.blue: blue and green name two different records (or endpoints) whose weights split the traffic; write green\'s',
    },
  ];
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

function metricProblems(runbook: Runbook): RunbookProblem[] {
  const { analysis } = runbook;
  const problems: RunbookProblem[] = [];
  if (analysis.automaticRollback && analysis.metrics.length === 0) {
    problems.push({
      path: 'analysis.metrics',
      message:
        'no metrics: nothing would roll back automatically while green has traffic; add a metric (e.g. an error rate), ' +
        'or write automaticRollback: false under analysis to run without automatic rollback on purpose',
    });
  }
  if (!analysis.automaticRollback) {
    analysis.metrics.forEach((metric, i) => {
      if (metric.onBreach !== 'rollback') return;
      problems.push({
        path: `analysis.metrics[${i}].onBreach`,
        message: `metric "${metric.name}" rolls back on a breach, but analysis.automaticRollback is false: write onBreach: pause, or remove automaticRollback: false`,
      });
    });
  }
  const metrics: { metric: Metric; path: string }[] = [
    ...runbook.analysis.metrics.map((metric, i) => ({ metric, path: `analysis.metrics[${i}]` })),
    ...(runbook.acceptance?.checks ?? []).map((metric, i) => ({ metric, path: `acceptance.checks[${i}]` })),
  ];
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
