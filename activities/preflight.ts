/**
 * Preflight: before anything changes, every provider and resource the runbook names must answer,
 * and each metric's baseline is captured on blue. DNS and the databases must read as a cutover
 * starts (100% blue, blue the writer) unless the starter adopted the weights. All problems are
 * collected and reported together as one non-retryable PreflightFailed (nothing has changed yet, so
 * the cutover ends as aborted).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Runbook } from '../workflows/runbook/schema';
import { checkDns, checkHookProviders, checkMetric, checkQueues, checkReplication, type Findings } from './preflight-checks';
import type { Providers } from './providers';
import type { PreflightProblems, PreflightResult } from './types';

export function preflightActivities(providers: Providers) {
  return {
    async preflight(input: { cutover: string; runbook: Runbook; adoptWeights?: boolean }): Promise<PreflightResult> {
      const { runbook } = input;
      const metrics = [
        ...runbook.analysis.metrics.map((metric) => ({ metric, label: `analysis metric "${metric.name}"` })),
        ...(runbook.acceptance?.checks ?? []).map((metric) => ({ metric, label: `acceptance check "${metric.name}"` })),
      ];
      const [dns, replication, queues, hooks, ...measured] = await Promise.all([
        checkDns(providers, runbook, input.adoptWeights === true),
        checkReplication(providers, runbook),
        checkQueues(providers, runbook),
        checkHookProviders(providers, runbook),
        ...metrics.map(({ metric, label }) => checkMetric(providers, metric, label)),
      ]);
      const all: Findings[] = [dns, replication, queues, hooks, ...measured];
      const problems = all.flatMap((findings) => findings.problems);
      if (problems.length > 0 || !dns.weights || dns.ttlMs === undefined) {
        const details: PreflightProblems = { problems };
        throw ApplicationFailure.nonRetryable(problems.join('\n'), 'PreflightFailed', details);
      }

      const baselines: Record<string, number | null> = {};
      metrics.forEach(({ metric }, i) => {
        const { baseline } = measured[i]!;
        if (baseline !== undefined) baselines[metric.name] = baseline;
      });
      return {
        weights: dns.weights,
        ttlMs: dns.ttlMs,
        baselines,
        checked: all.flatMap((findings) => findings.checked),
        warnings: all.flatMap((findings) => findings.warnings),
      };
    },
  };
}
