/**
 * Rules a provider adds to a schema-valid runbook: what its API cannot express (a Route 53 TTL in
 * fractions of a second), names that must agree (an Azure record inside its zone), and reads that
 * could never finish within the analysis interval. Pure, checked with the other semantic rules so
 * they are reported before anything starts.
 */
import { formatDuration } from './duration';
import type { MetricSection } from './provider-sections';
import type { RunbookProblem } from './problems';
import type { Runbook } from './schema';

/** Requests an http-probe sends at once; a read takes at most ceil(requests / this) × timeout. */
export const PROBE_CONCURRENCY = 4;

/** How long one analysis sample (every metric read once) may take before it counts as failed. */
export function measureTimeoutMs(intervalMs: number): number {
  return Math.max(2 * intervalMs, 5_000);
}

export function providerProblems(runbook: Runbook): RunbookProblem[] {
  return [...dnsProblems(runbook), ...reverseProblems(runbook), ...probeProblems(runbook)];
}

/**
 * A reverse replication that reads the forward one, a slip of copy and paste, would let a rollback
 * see the forward lag at zero and give blue its writes back before green's reached it.
 */
function reverseProblems(runbook: Runbook): RunbookProblem[] {
  const { replication } = runbook;
  if (replication.provider === 'dms' && replication.reverseTask !== undefined && sameTask(replication.reverseTask, replication.task)) {
    return [
      {
        path: 'replication.reverseTask',
        message: `names the forward task ${replication.task} again: write the green → blue task, the one that replicates green's writes back to blue`,
      },
    ];
  }
  if (replication.provider === 'prometheus' && replication.reverseQuery !== undefined && replication.reverseQuery.trim() === replication.query.trim()) {
    return [
      {
        path: 'replication.reverseQuery',
        message: "is the same PromQL as replication.query, so it would read the forward lag: write the query of the green → blue lag (blue's replay lag behind green)",
      },
    ];
  }
  return [];
}

/** DMS keeps task identifiers in lower case, whatever case they were written in. */
function sameTask(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function dnsProblems(runbook: Runbook): RunbookProblem[] {
  const { dns } = runbook;
  if (dns.provider === 'simulated') return [];
  const problems: RunbookProblem[] = [];
  const api = dns.provider === 'route53' ? 'Route 53' : 'Azure DNS';
  for (const field of ['ttl', 'lowerTtlTo'] as const) {
    const ms = dns[field];
    if (ms !== undefined && ms % 1000 !== 0) {
      problems.push({
        path: `dns.${field}`,
        message: `${formatDuration(ms)} is not a whole number of seconds, which is all ${api} stores: write e.g. "${Math.max(1, Math.round(ms / 1000))}s"`,
      });
    }
  }
  if (dns.provider === 'azure') {
    const record = trimDot(dns.record).toLowerCase();
    const zone = trimDot(dns.zone).toLowerCase();
    if (record !== zone && !record.endsWith(`.${zone}`)) {
      problems.push({
        path: 'dns.record',
        message: `${dns.record} is not in the zone ${dns.zone} (dns.zone): write the record's full name, e.g. orders.${zone}`,
      });
    }
    const final = dns.finalRecord;
    if (final && ('cname' in final) !== (dns.recordType === 'CNAME')) {
      problems.push({
        path: 'dns.finalRecord',
        message:
          dns.recordType === 'CNAME'
            ? 'the record is a CNAME (dns.recordType), so the final record is a target name: write finalRecord: { cname: orders.azurewebsites.net }'
            : 'the record is an A record (dns.recordType), so the final record is addresses: write finalRecord: { a: [203.0.113.10] }',
      });
    }
  }
  return problems;
}

function probeProblems(runbook: Runbook): RunbookProblem[] {
  const limit = measureTimeoutMs(runbook.analysis.interval);
  const metrics: { metric: MetricSection; path: string }[] = [
    ...runbook.analysis.metrics.map((metric, i) => ({ metric, path: `analysis.metrics[${i}]` })),
    ...(runbook.acceptance?.checks ?? []).map((metric, i) => ({ metric, path: `acceptance.checks[${i}]` })),
  ];
  return metrics.flatMap(({ metric, path }) => {
    if (metric.provider !== 'http-probe') return [];
    const rounds = Math.ceil(metric.requests / PROBE_CONCURRENCY);
    const longest = rounds * metric.timeout;
    if (longest <= limit) return [];
    return [
      {
        path: `${path}.timeout`,
        message:
          `${metric.requests} requests, ${PROBE_CONCURRENCY} at a time, with a timeout of ${formatDuration(metric.timeout)} can take ` +
          `${formatDuration(longest)}, longer than the ${formatDuration(limit)} a sample may take at analysis.interval ` +
          `${formatDuration(runbook.analysis.interval)}: lower requests or timeout, or lengthen the interval`,
      },
    ];
  });
}

function trimDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}
