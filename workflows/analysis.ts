/**
 * The analysis loop: once green has traffic it samples every metric each interval, judges each
 * sample, and asks the run to roll back or pause. It runs beside the phases, so triggers keep
 * firing while a gate waits or the cutover is paused. A silence between samples (an overloaded or
 * stopped worker) is recorded, notified and judged by each metric's no-data policy.
 */
import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';
import { judgeSample, type MetricState } from './decisions/verdict';
import { judgeGap, sampleGap, type SampleGap } from './decisions/sample-gap';
import { formatDuration, formatElapsed } from './runbook/duration';
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
  /** Workflow time of the last sample judged, or of the start: a silence is measured from it. */
  private lastSampleAt = 0;

  constructor(
    private readonly run: CutoverRun,
    private readonly activities: Activities,
    private readonly notify: Notify,
  ) {}

  /** Starts sampling once; later calls do nothing. */
  start(): void {
    if (this.started || this.activeMetrics().length === 0) return;
    this.started = true;
    this.lastSampleAt = Date.now();
    this.run.sampling ??= { lastSampleAt: null, gaps: 0, lastGap: null };
    this.run.record('analysis', `analysis started: ${this.activeMetrics().length} metric(s) every ${this.run.runbook.analysis.interval}ms`);
    void this.loop();
  }

  /** From the acceptance phase on, its checks are judged too. */
  includeAcceptanceChecks(): void {
    this.acceptanceChecks = true;
  }

  /** The metrics judged now: none before green has traffic. */
  judgedMetrics(): Metric[] {
    return this.started ? this.activeMetrics() : [];
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
        const gap = sampleGap(this.lastSampleAt, Date.now(), interval);
        if (gap) await this.judgeGap(gap);
        if (this.stopped || this.run.stop !== null) return;
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
    this.lastSampleAt = Date.now();
    this.run.sampling = { ...this.run.sampling!, lastSampleAt: nowIso() };
    const { consecutiveErrorLimit } = this.run.runbook.analysis;
    for (const metric of metrics) {
      const sample = samples.find((candidate) => candidate.name === metric.name);
      if (!sample) continue;
      this.update(metric, (before) => judgeSample(metric, before, sample, this.run.baselines[metric.name], consecutiveErrorLimit));
    }
    await this.act(metrics);
  }

  /** Nothing was known about green during the gap: each metric's no-data policy judges it. */
  private async judgeGap(gap: SampleGap): Promise<void> {
    const metrics = this.activeMetrics();
    const { interval, consecutiveErrorLimit } = this.run.runbook.analysis;
    const silence = gap.to - gap.from;
    const lastGap = { from: new Date(gap.from).toISOString(), to: new Date(gap.to).toISOString(), missed: gap.missed };
    this.run.sampling = { ...this.run.sampling!, gaps: this.run.sampling!.gaps + 1, lastGap };
    this.run.record('sample-gap', `no analysis sample for ${formatElapsed(silence)} (${gap.missed} missed at every ${formatDuration(interval)}): judged as no data by each metric's no-data policy`, {
      data: { ...lastGap, silenceMs: silence, intervalMs: interval },
    });
    for (const metric of metrics) {
      this.update(metric, (before) => judgeGap(metric, before, gap, interval, this.run.baselines[metric.name], consecutiveErrorLimit));
    }
    // Sent whatever the policy decides: a rollback it asks for cancels the loop, not this notice.
    const notified = CancellationScope.nonCancellable(() =>
      this.notify('sample-gap', `${this.run.cutover} took no analysis sample for ${formatElapsed(silence)} while green had traffic (is its worker overloaded or down?); judged as no data by each metric's no-data policy`),
    );
    await this.act(metrics);
    await notified;
  }

  private update(metric: Metric, judge: (before: MetricState) => MetricState): void {
    const before = this.run.metrics[metric.name]!;
    const after = judge(before);
    this.run.metrics[metric.name] = after;
    if (after.verdict !== before.verdict) {
      this.run.record('analysis', `${metric.name}: ${before.verdict} → ${after.verdict} (value ${after.value ?? 'no data'}${after.lastError && after.verdict !== 'pass' ? `, ${after.lastError}` : ''})`, {
        data: { metric: metric.name, value: after.value, limit: after.limit, verdict: after.verdict },
      });
    }
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
