/**
 * The analysis loop: once green has traffic it samples every metric each interval, judges each
 * sample, and asks the run to roll back or pause. It runs beside the phases, so triggers keep
 * firing while a gate waits or the cutover is paused.
 */
import { isCancellation, sleep } from '@temporalio/workflow';
import { judgeSample } from './decisions/verdict';
import { decideAnalysis } from './decisions/analysis-decision';
import type { Activities } from './activities';
import { failureMessage } from './failure';
import { nowIso, type CutoverRun } from './run';
import type { Metric } from './runbook/schema';
import type { Notify } from './notify';

export class AnalysisLoop {
  private started = false;
  private stopped = false;
  private acceptanceChecks = false;

  constructor(
    private readonly run: CutoverRun,
    private readonly activities: Activities,
    private readonly notify: Notify,
  ) {}

  /** Starts sampling once; later calls do nothing. */
  start(): void {
    if (this.started || this.activeMetrics().length === 0) return;
    this.started = true;
    this.run.record('analysis', `analysis started: ${this.activeMetrics().length} metric(s) every ${this.run.runbook.analysis.interval}ms`);
    void this.loop();
  }

  /** From the acceptance phase on, its checks are judged too. */
  includeAcceptanceChecks(): void {
    this.acceptanceChecks = true;
  }

  stop(): void {
    this.stopped = true;
  }

  private activeMetrics(): Metric[] {
    const checks = this.acceptanceChecks ? (this.run.runbook.acceptance?.checks ?? []) : [];
    return [...this.run.runbook.analysis.metrics, ...checks];
  }

  private async loop(): Promise<void> {
    const { interval } = this.run.runbook.analysis;
    try {
      let nextTick = Date.now() + interval;
      while (!this.stopped && this.run.stop === null) {
        await sleep(Math.max(0, nextTick - Date.now()));
        if (this.stopped || this.run.stop !== null) return;
        nextTick += interval;
        await this.sampleOnce();
        // A slow provider must not make the loop sample in a burst to catch up.
        nextTick = Math.max(nextTick, Date.now());
      }
    } catch (err) {
      if (isCancellation(err)) return;
      throw err;
    }
  }

  private async sampleOnce(): Promise<void> {
    const metrics = this.activeMetrics();
    let samples;
    try {
      samples = await this.activities.measure({ metrics });
    } catch (err) {
      if (isCancellation(err)) throw err;
      const at = Date.now();
      samples = metrics.map((metric) => ({ name: metric.name, value: null, error: `measurement failed: ${failureMessage(err)}`, at }));
    }
    if (this.stopped || this.run.stop !== null) return;
    const { consecutiveErrorLimit } = this.run.runbook.analysis;
    for (const metric of metrics) {
      const sample = samples.find((candidate) => candidate.name === metric.name);
      if (!sample) continue;
      const before = this.run.metrics[metric.name]!;
      const after = judgeSample(metric, before, sample, this.run.baselines[metric.name], consecutiveErrorLimit);
      this.run.metrics[metric.name] = after;
      if (after.verdict !== before.verdict) {
        this.run.record('analysis', `${metric.name}: ${before.verdict} → ${after.verdict} (value ${after.value ?? 'no data'}${after.lastError && after.verdict !== 'pass' ? `, ${after.lastError}` : ''})`, {
          data: { metric: metric.name, value: after.value, limit: after.limit, verdict: after.verdict },
        });
      }
    }
    await this.act(metrics);
  }

  private async act(metrics: Metric[]): Promise<void> {
    const decision = decideAnalysis(metrics, this.run.metrics);
    if (decision.action === 'rollback') {
      this.run.record('analysis', `breach: ${decision.reason}`, { data: { cause: decision.cause } });
      this.run.requestStop({ reason: decision.reason, by: 'analysis', cause: decision.cause });
    } else if (decision.action === 'pause' && !this.run.paused) {
      this.run.paused = { by: 'analysis', reason: decision.reason, since: nowIso() };
      this.run.record('pause', `paused by analysis: ${decision.reason}; resume when it is understood, or abort`, { by: 'analysis' });
      await this.notify('paused', `${this.run.cutover} paused by analysis and waits for a human: ${decision.reason}`);
    }
  }
}
