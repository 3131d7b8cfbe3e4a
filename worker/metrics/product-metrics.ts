/**
 * The product's numbers that live in the worker process, in a prom-client registry of their own:
 * what the activities did (analysis samples and provider errors by provider, failed activity attempts, waits
 * for the Route 53 budget) and the cutovers running on the task queue by phase. The workflow's own
 * facts (rollbacks, gate waits) come through the SDK's exporter instead: see workflows/metrics.ts.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface RunningByPhase {
  /** Running cutovers by the phase their memo last recorded ('starting' before the first record). */
  phases: Map<string, number>;
}

export class ProductMetrics {
  readonly registry = new Registry();

  readonly analysisSamples = new Counter({
    name: 'cutover_analysis_samples_total',
    help: 'metric samples taken by analysis, by provider and result (value, no-data, error)',
    labelNames: ['provider', 'result'] as const,
    registers: [this.registry],
  });

  readonly providerErrors = new Counter({
    name: 'cutover_provider_errors_total',
    help: 'analysis samples whose provider failed (an error, not a failed check), by provider',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });

  readonly activityFailures = new Counter({
    name: 'cutover_activity_failures_total',
    help: 'activity attempts that failed (DNS, replication, queue, hook and notification calls), by activity; each retry counts',
    labelNames: ['activity'] as const,
    registers: [this.registry],
  });

  readonly dnsBudgetWaits = new Histogram({
    name: 'cutover_dns_budget_wait_seconds',
    help: "time a Route 53 request waited for the worker's DNS budget, by turn (rollback requests go first)",
    labelNames: ['turn'] as const,
    buckets: [0.01, 0.05, 0.25, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  /**
   * @param readRunning the running cutovers of the task queue by phase, read at each scrape from
   *   Temporal's visibility store: the same number from every worker on the queue, and still right
   *   after a restart, where a count kept in one worker's memory would not be.
   */
  constructor(readRunning?: () => Promise<RunningByPhase>) {
    if (!readRunning) return;
    new Gauge({
      name: 'cutover_running',
      help: 'cutovers running on the task queue, by the phase each last recorded (from Temporal visibility; the same on every worker of the queue)',
      labelNames: ['phase'] as const,
      registers: [this.registry],
      async collect() {
        // An unreachable Temporal leaves no series rather than a stale count; the rest of /metrics still answers.
        const running = await readRunning().catch(() => null);
        this.reset();
        for (const [phase, count] of running?.phases ?? []) this.set({ phase }, count);
      },
    });
  }

  /** For observeRoute53BudgetWaits: each Route 53 request's wait for its turn. */
  readonly dnsBudgetObserver = (turn: string, waitedMs: number): void => {
    this.dnsBudgetWaits.observe({ turn }, waitedMs / 1000);
  };

  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
