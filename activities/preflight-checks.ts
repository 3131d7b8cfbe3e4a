/**
 * The checks preflight runs, one per concern. Each returns what it found instead of throwing, so
 * preflight can report every problem at once: an operator fixing a runbook at night should not
 * discover them one retry at a time.
 */
import { ApplicationFailure } from '@temporalio/common';
import { formatDuration } from '../workflows/runbook/duration';
import type { Metric, Runbook } from '../workflows/runbook/schema';
import { errorMessage } from './errors';
import { providerFor } from './lookup';
import { baselineField, describeMeasurement, hasBaseline } from '../workflows/runbook/metric-sides';
import type { Providers, Weights } from './providers';
import { dataStartFindings, dnsStartRefusal, type DataStartFacts } from '../workflows/decisions/starting-state';

export interface Findings {
  checked: string[];
  warnings: string[];
  problems: string[];
}

export const noFindings = (): Findings => ({ checked: [], warnings: [], problems: [] });

/** The implementation, or undefined with the unknown provider written down as a problem. */
export function lookUp<P>(findings: Findings, implementations: Record<string, P>, provider: string, field: string): P | undefined {
  try {
    return providerFor(implementations, provider, field);
  } catch (error) {
    findings.problems.push(errorMessage(error));
    return undefined;
  }
}

/** Tries per call: one throttled or dropped request must not abort a cutover before it starts. */
export const PREFLIGHT_TRIES = 3;
const RETRY_DELAY_MS = 250;

/**
 * The value, or undefined with the error written down as a problem prefixed by `where`. A failing
 * call is tried again (up to PREFLIGHT_TRIES) unless the provider said its error is permanent.
 */
async function answer<T>(findings: Findings, where: string, call: () => Promise<T>): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const permanent = error instanceof ApplicationFailure && error.nonRetryable;
      if (permanent || attempt >= PREFLIGHT_TRIES) {
        findings.problems.push(`${where}: ${errorMessage(error)}`);
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
    }
  }
}

/**
 * The record's weights and TTL. Unless the starter adopts the weights (`--adopt-weights`), they must
 * read exactly 100% blue: a record already moved means a cutover ran before, and starting over from
 * step 1 would send traffic back to blue (workflows/decisions/starting-state.ts).
 */
export async function checkDns(providers: Providers, runbook: Runbook, adoptWeights = false): Promise<Findings & { weights?: Weights; ttlMs?: number }> {
  const findings = noFindings();
  const { dns } = runbook;
  const provider = lookUp(findings, providers.dns, dns.provider, 'dns.provider');
  if (!provider) return findings;
  const where = `dns record ${dns.record}`;
  const [weights, ttlMs] = await Promise.all([answer(findings, where, () => provider.readWeights(dns)), answer(findings, where, () => provider.readTtl(dns))]);
  if (ttlMs !== undefined) {
    if (dns.lowerTtlTo !== undefined && dns.lowerTtlTo > dns.ttl) {
      findings.problems.push(`dns.lowerTtlTo is ${formatDuration(dns.lowerTtlTo)} but dns.ttl is ${formatDuration(dns.ttl)}: set dns.lowerTtlTo to ${formatDuration(dns.ttl)} or less`);
    } else if (dns.lowerTtlTo === undefined && ttlMs > dns.ttl) {
      findings.problems.push(
        `dns.ttl is ${formatDuration(dns.ttl)} but the record's TTL is ${formatDuration(ttlMs)}: ` +
          `set dns.ttl: ${formatDuration(ttlMs)} or lower the record's TTL first (or set dns.lowerTtlTo: ${formatDuration(dns.ttl)})`,
      );
    }
  }
  if (weights) {
    const refusal = dnsStartRefusal({ record: dns.record, weights, adoptWeights, steps: runbook.canary.steps.map((step) => step.weight) });
    if (refusal) findings.problems.push(refusal);
  }
  if (weights && ttlMs !== undefined) findings.checked.push(`${where}: blue ${weights.blue} / green ${weights.green}, TTL ${formatDuration(ttlMs)}`);
  return { ...findings, ...(weights && { weights }), ...(ttlMs !== undefined && { ttlMs }) };
}

/**
 * The forward replication runs (the provider's check), and the databases are where this runbook
 * starts: blue the writer, and before a write switch no reverse replication running yet.
 */
export async function checkReplication(providers: Providers, runbook: Runbook): Promise<Findings> {
  const findings = noFindings();
  const { replication } = runbook;
  const provider = lookUp(findings, providers.replication, replication.provider, 'replication.provider');
  if (!provider) return findings;
  const where = `replication task ${replication.task}`;
  const running = await answer(findings, where, async () => {
    await provider.check(replication);
    return true;
  });
  if (!running) return findings;
  const lag = await answer(findings, where, () => provider.lagSeconds(replication));
  if (lag === null) findings.warnings.push(`${where} reports no lag data yet; the replication phase waits for some`);
  if (lag !== undefined) findings.checked.push(`${where}: running, lag ${lag === null ? 'no data' : `${Number(lag.toFixed(1))}s`}`);
  const reverseName = reverseReplicationOf(replication);
  let reverse: DataStartFacts['reverse'] = null;
  if (reverseName) {
    const status = await answer(findings, `reverse replication ${reverseName}`, () => provider.reverseStatus(replication));
    if (status) findings.checked.push(`reverse replication ${reverseName}: ${status.status}`);
    if (status) reverse = { name: reverseName, ...status };
  }
  const writer = provider.writer ? await answer(findings, `the writer behind ${where}`, () => provider.writer!(replication)) : null;
  if (writer) findings.checked.push(`writer: ${writer}`);
  const data = dataStartFindings({ writeSwitch: runbook.writes.mode === 'switch', reverse, writer: writer ?? null });
  findings.problems.push(...data.refusals);
  findings.warnings.push(...data.warnings);
  return findings;
}

/** How the runbook names its reverse replication, when its provider has one to check before the switch. */
function reverseReplicationOf(replication: Runbook['replication']): string | undefined {
  if (replication.provider === 'dms' || replication.provider === 'simulated') return replication.reverseTask;
  // Prometheus only watches: its reverse lag has data once the write-switch hook has started it.
  return undefined;
}

/** Blue's queues (drain) and green's, which a rollback past the write switch drains (writes.greenQueues). */
export async function checkQueues(providers: Providers, runbook: Runbook): Promise<Findings> {
  const findings = noFindings();
  const green = runbook.writes.mode === 'switch' ? runbook.writes.greenQueues : undefined;
  await checkQueueSection(findings, providers, runbook.drain, 'drain.provider');
  await checkQueueSection(findings, providers, green, 'writes.greenQueues.provider');
  return findings;
}

async function checkQueueSection(findings: Findings, providers: Providers, drain: Runbook['drain'], field: string): Promise<void> {
  if (!drain) return;
  const provider = lookUp(findings, providers.queues, drain.provider, field);
  if (!provider) return;
  const depths = await Promise.all(
    drain.queues.map((queue) =>
      answer(findings, `queue ${queue.name}`, async () => {
        await provider.check(drain, queue);
        return provider.depth(drain, queue);
      }),
    ),
  );
  drain.queues.forEach((queue, i) => {
    if (depths[i] !== undefined) findings.checked.push(`queue ${queue.name}: ${depths[i]} messages`);
  });
}

/**
 * Hooks and notifiers are not called in preflight (that would freeze writes or page someone): they
 * are looked up, and their configuration checked (a secret named by an unset variable, say).
 */
export async function checkHookProviders(providers: Providers, runbook: Runbook): Promise<Findings> {
  const findings = noFindings();
  const hooks = [runbook.hooks.freeze, runbook.hooks.unfreeze, runbook.hooks.switchWrites, ...(runbook.acceptance?.tests ?? [])].filter((hook) => hook !== undefined);
  for (const hook of hooks) {
    const label = `hook "${hook.name}"`;
    const provider = lookUp(findings, providers.hooks, hook.provider, `${label} provider`);
    if (provider?.check) await answer(findings, label, () => provider.check!(hook));
  }
  for (const channel of runbook.notifications) {
    const label = `notifications channel "${channel.channel}"`;
    const notifier = lookUp(findings, providers.notifiers, channel.provider, `${label} provider`);
    if (notifier?.check) await answer(findings, label, () => notifier.check!(channel));
  }
  return findings;
}

/** Every metric answers on green; those with a baseline give it on blue. */
export async function checkMetric(providers: Providers, metric: Metric, label: string): Promise<Findings & { baseline?: number | null }> {
  const findings = noFindings();
  const provider = lookUp(findings, providers.metrics, metric.provider, `${label} provider`);
  if (!provider) return findings;

  const onGreen = describeMeasurement(metric, 'green');
  const green = await answer(findings, `${label}: ${onGreen} on green`, () => provider.query(metric, 'green'));
  if (green === null) findings.warnings.push(`${label}: ${onGreen} returned no data on green; noData: ${metric.noData} applies while it stays empty`);
  if (green !== undefined) findings.checked.push(`${label} on green: ${green ?? 'no data'}`);

  const relative = metric.threshold.relativeToBaseline;
  if (!hasBaseline(metric)) {
    if (relative) findings.problems.push(`${label}: threshold is relative to the baseline but no ${baselineField(metric)} is set: add one (the same measurement on blue)`);
    return findings;
  }
  const onBlue = describeMeasurement(metric, 'blue');
  const baseline = await answer(findings, `${label}: ${onBlue} on blue`, () => provider.query(metric, 'blue'));
  if (baseline === undefined) return findings;
  if (baseline === null && relative) {
    findings.problems.push(`${label}: ${onBlue} returned no data on blue, and its threshold is relative to the baseline: fix the query or use an absolute threshold`);
  } else if (baseline === null) {
    findings.warnings.push(`${label}: ${onBlue} returned no data on blue`);
  } else if (baseline === 0 && relative) {
    findings.warnings.push(`${label}: baseline on blue is 0, so "baseline * ${metric.threshold.value}" allows nothing ${metric.threshold.direction} 0`);
  }
  findings.checked.push(`${label} baseline on blue: ${baseline ?? 'no data'}`);
  return { ...findings, baseline };
}
