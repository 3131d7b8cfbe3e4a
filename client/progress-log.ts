/**
 * Turns successive status snapshots into appended log lines: each new timeline entry, a weight bar
 * whenever the weights change, and every few seconds of canary or acceptance a metrics line
 * (verdict changes are timeline entries of their own). Entries are followed by their sequence
 * number, not their place in the array: a long run's timeline is capped and drops entries from its
 * middle, and those that went before they were read are counted in one line instead.
 */
import type { CutoverStatus } from '../workflows/status';
import { asideLine, metricsLine, timelineLine, weightBar, type Palette } from './render';
import { displaySafe } from './render/safe';
import { UNVERIFIED_NOTICE } from './render/proof';

export const METRICS_EVERY_MS = 2_000;

export class Progress {
  /** The sequence number of the newest entry printed or counted as not shown. */
  private lastSeq = 0;
  private lastWeights: string | null = null;
  private lastMetricsAt = 0;
  private lastSampleAt = 0;

  private toldUnverified = false;

  /** `metricsEveryMs`: how often a metrics line is added while the values are sampled. */
  constructor(
    private readonly colour: Palette,
    private readonly metricsEveryMs = METRICS_EVERY_MS,
  ) {}

  /** The lines this status adds to what was already printed. */
  linesFor(unsafeStatus: CutoverStatus, now: number): string[] {
    const { colour } = this;
    const status = displaySafe(unsafeStatus);
    const lines: string[] = [];
    if (status.approvals === 'unverified' && !this.toldUnverified) {
      lines.push(asideLine('approvals', colour.yellow(UNVERIFIED_NOTICE), { colour }));
      this.toldUnverified = true;
    }
    for (const entry of status.timeline) {
      if (entry.seq <= this.lastSeq) continue;
      const missed = entry.seq - this.lastSeq - 1;
      if (missed > 0) lines.push(asideLine('not shown', colour.yellow(notShownText(missed)), { colour }));
      lines.push(timelineLine(entry, { colour }));
      this.lastSeq = entry.seq;
    }

    const weights = status.weights ? `${status.weights.blue}/${status.weights.green}` : null;
    if (status.weights && weights !== this.lastWeights) {
      // The first reading (preflight) is the starting point, worth one bar too.
      lines.push(asideLine('weights', weightBar(status.weights, 20, colour), { colour }));
    }
    this.lastWeights = weights;

    const analysing = status.outcome === 'running' && (status.phase === 'canary' || status.phase === 'acceptance');
    const sampleAt = newestSample(status);
    if (analysing && sampleAt > this.lastSampleAt && now - this.lastMetricsAt >= this.metricsEveryMs) {
      const metrics = metricsLine(status, colour);
      if (metrics) {
        lines.push(asideLine('metrics', metrics, { colour, at: now }));
        this.lastMetricsAt = now;
        this.lastSampleAt = sampleAt;
      }
    }
    return lines;
  }
}

/** The timeline keeps a long run's first and newest entries; these went between two reads. */
export function notShownText(missed: number): string {
  return `${missed} timeline ${missed === 1 ? 'entry' : 'entries'} not shown: dropped from the middle of the timeline before this view read them`;
}

/** When the newest metric sample was taken (epoch ms), 0 before any. */
function newestSample(status: CutoverStatus): number {
  return Math.max(0, ...Object.values(status.metrics).map((metric) => metric.at ?? 0));
}
