/**
 * The state of one cutover run and the few primitives every phase uses: the timeline, stop
 * requests, milestones, pause-aware waiting. Deterministic: time comes from the workflow clock.
 */
import { condition, upsertMemo, workflowInfo } from '@temporalio/workflow';
import type { Runbook } from './runbook/schema';
import type { CutoverInput } from './messages';
import type { BreachCause } from './decisions/analysis-decision';
import { initialMetricState, type MetricState } from './decisions/verdict';
import { describeThreshold } from './decisions/analysis-decision';
import type { Weights } from './decisions/traffic';
import type { CutoverStatus, GroundTruthFacts, Holding, OpenGate, Outcome, Phase, Retrying, StepProgress, TimelineEntry, TimelineKind, UnfinishedStep, WriteFacts } from './status';
import { LAST_KNOWN_MEMO, type LastKnown } from './last-known';
import { writeLossWarning } from './runbook/writes';
import { noRefusals, type RefusalCounts } from './decisions/refusal-budget';
import { NO_SIGNERS, type GateSigners } from './signing/gate-signers';
import type { DecisionProof } from './signing/proof';
import type { SignedDecision } from './signing/verify-decision';

export interface StopRequest {
  reason: string;
  by: string;
  cause: BreachCause | null;
}

export interface GateDecision {
  approved: boolean;
  by: string;
  note?: string;
}

const MAX_TIMELINE = 2_000;
/** Entries kept from the start of a capped timeline: how the run began. */
const TIMELINE_HEAD = 100;

/** Thrown where a phase notices that the run is stopping; the cutover then unwinds. */
export class Stopping extends Error {}

/** Thrown at a safe point when history has grown long enough to carry the run over to a new one. */
export class CarryOverDue extends Error {}

export class CutoverRun {
  readonly runbook: Runbook;
  readonly startedBy: string;
  /** The starter's signed start statement, as the input carried it; verified at preflight. */
  readonly signedStart: SignedDecision | undefined;
  /** The starter chose to continue from the weights DNS reads (`--adopt-weights`): see adopt.ts. */
  readonly adoptWeights: boolean;
  startedAt: string;
  readonly cutover: string;
  /** The first workflow run of this cutover: the same in every run it carries over to. */
  readonly firstRunId: string;
  /** History length at which to carry over; the server's suggestion when unset. */
  readonly carryOverAfterEvents: number | undefined;

  phase: Phase = 'preflight';
  outcome: Outcome = 'running';
  reason: string | null = null;
  endedAt: string | null = null;
  step: StepProgress | null = null;
  /** What the run expects DNS to read: preflight's reading, then what it wrote (or a person accepted). */
  weights: Weights | null = null;
  /** What the run wrote to DNS and last read from it, and any drift between the two: see ground-truth.ts. */
  ground: GroundTruthFacts = { written: null, read: null, basis: 'preflight', drift: null, writing: false, changes: 0 };
  /** The canary holding its weight because the bill is not clean: see clean-bill.ts. */
  holding: Holding | null = null;
  paused: CutoverStatus['paused'] = null;
  openGate: OpenGate | null = null;
  gateDecision: GateDecision | null = null;
  metrics: Record<string, MetricState> = {};
  baselines: Record<string, number | null> = {};
  lag: CutoverStatus['lag'] = null;
  queues: CutoverStatus['queues'] = null;
  rollback: CutoverStatus['rollback'] = null;
  retrying: Retrying | null = null;
  unfinished: UnfinishedStep[] = [];
  sampling: CutoverStatus['sampling'] = null;
  timeline: TimelineEntry[] = [];
  /** The sequence number of the newest timeline entry; carried over, so it never repeats in a cutover. */
  timelineSeq = 0;
  readonly timelineCap: number;
  /** The last-known state last written to the memo, to write it only when it changes. */
  private memoKey: string | null = null;
  stop: StopRequest | null = null;

  /** Compensation facts: what this run changed and must put back on the way out. */
  dnsWeightsWritten = false;
  /** Writes frozen on blue (a frozen window, or the write switch from its freeze on). */
  frozen = false;
  originalTtlMs: number | null = null;
  writes: WriteFacts;

  /** The keys checked at preflight (every approver's and the starter's), those of the open gate, and refused attempts: see signed-decisions.ts. */
  signing: { runSigners: GateSigners; gateSigners: GateSigners; refused: RefusalCounts; start?: DecisionProof } = { runSigners: NO_SIGNERS, gateSigners: NO_SIGNERS, refused: noRefusals() };

  /** Notifications sent so far, carried over so no two share an idempotency key. */
  notificationsSent = 0;

  /** Steps already done, so a run carried over to a new workflow run resumes where it was. */
  milestones: string[] = [];
  /** Unbaked time of a bake or soak interrupted by a carry-over, by milestone. */
  bakeLeft: Record<string, number> = {};

  constructor(input: CutoverInput, cutover: string) {
    this.runbook = input.runbook;
    this.startedBy = input.startedBy;
    this.signedStart = input.signedStart;
    this.adoptWeights = input.adoptWeights === true;
    this.cutover = cutover;
    this.firstRunId = workflowInfo().firstExecutionRunId;
    this.carryOverAfterEvents = input.carryOverAfterEvents;
    this.timelineCap = input.timelineCap ?? MAX_TIMELINE;
    this.startedAt = nowIso();
    for (const metric of this.allMetrics()) this.metrics[metric.name] = initialMetricState();
    this.writes = {
      mode: input.runbook.writes?.mode ?? 'frozen',
      writer: 'blue',
      switched: false,
      greenFrozen: false,
      windows: [],
      forwardLag: null,
      reverseLag: null,
      switchedAt: null,
      lagAtSwitch: null,
      reverseStartedAt: null,
      switchedBackAt: null,
      reverseWait: null,
      greenQueuesDrainedAt: null,
      lossWarning: writeLossWarning(input.runbook),
    };
  }

  /** Opens a freeze window, unless one is open: the write outage goes on until writes are taken again. */
  openFreezeWindow(side: 'blue' | 'green', why: 'frozen-window' | 'write-switch' | 'rollback'): void {
    if (this.writes.windows.some((window) => window.end === null)) return;
    this.writes.windows.push({ side, why, start: nowIso(), end: null, durationMs: null });
  }

  /** Closes the open freeze window, if any, and returns it. */
  closeFreezeWindow(): WriteFacts['windows'][number] | null {
    const open = this.writes.windows.find((window) => window.end === null);
    if (!open) return null;
    open.end = nowIso();
    open.durationMs = Date.parse(open.end) - Date.parse(open.start);
    return open;
  }

  done(milestone: string): boolean {
    return this.milestones.includes(milestone);
  }

  /** Runs `step` unless a previous run of this cutover already did; then records it as done. */
  async once(milestone: string, step: () => Promise<void>): Promise<void> {
    if (this.done(milestone)) return;
    await step();
    this.milestones.push(milestone);
  }

  /** Time to carry over to a new run: history is long, and the run is not stopping or finishing. */
  carryOverDue(): boolean {
    if (this.stop !== null || this.phase === 'complete' || this.outcome !== 'running') return false;
    const info = workflowInfo();
    return this.carryOverAfterEvents !== undefined ? info.historyLength >= this.carryOverAfterEvents : info.continueAsNewSuggested;
  }

  /** Throws Stopping or CarryOverDue at a safe point; otherwise returns. */
  private safePoint(milestone?: string, left?: number): void {
    this.checkpoint();
    if (this.carryOverDue()) {
      if (milestone !== undefined && left !== undefined) this.bakeLeft[milestone] = left;
      throw new CarryOverDue();
    }
  }

  allMetrics() {
    return [...this.runbook.analysis.metrics, ...(this.runbook.acceptance?.checks ?? [])];
  }

  /** Open to decisions and controls: not stopping, not completing, not over. */
  get running(): boolean {
    return this.outcome === 'running' && this.stop === null && !this.signedOff;
  }

  /** Past sign-off (or acceptance, without a sign-off gate): from here on the run only completes. */
  get signedOff(): boolean {
    return this.done('signoff');
  }

  /** Enters a phase; a run carried over into the middle of it does not announce it again. */
  enter(phase: Phase, message: string): void {
    this.phase = phase;
    if (this.done(`enter:${phase}`)) return;
    this.milestones.push(`enter:${phase}`);
    this.record('phase', message);
  }

  record(kind: TimelineKind, message: string, extra: { by?: string; data?: Record<string, unknown> } = {}): void {
    this.timelineSeq += 1;
    this.timeline.push({ seq: this.timelineSeq, at: nowIso(), phase: this.phase, kind, message, ...extra });
    // Keep the head (how it started) and the tail (what is happening now) of a very long run.
    if (this.timeline.length > this.timelineCap) this.timeline.splice(Math.min(TIMELINE_HEAD, Math.floor(this.timelineCap / 4)), 1);
    this.rememberWhereItIs();
  }

  /** Every change of phase, step, weights, gate or pause is recorded, so the memo follows them here. */
  private rememberWhereItIs(): void {
    const known: Omit<LastKnown, 'at'> = {
      phase: this.phase,
      outcome: this.outcome,
      step: this.step,
      weights: this.weights,
      openGate: this.openGate?.name ?? null,
      paused: this.paused !== null,
    };
    const key = JSON.stringify(known);
    if (key === this.memoKey) return;
    this.memoKey = key;
    upsertMemo({ [LAST_KNOWN_MEMO]: { ...known, at: nowIso() } satisfies LastKnown });
  }

  /** Ask the run to stop; the first request wins, later ones are recorded only, as is any after sign-off. */
  requestStop(request: StopRequest): void {
    if (this.stop || this.signedOff) {
      this.record('note', `${this.stop ? 'also asked to stop' : 'asked to stop after sign-off, which never rolls back'}: ${request.reason}`, { by: request.by });
      return;
    }
    this.stop = request;
  }

  /** Throws Stopping once a stop was asked for, so no phase records progress it did not make. */
  checkpoint(): void {
    if (this.stop) throw new Stopping(this.stop.reason);
  }

  /** Wait while paused; returns at once when not paused. */
  async hold(milestone?: string, left?: number): Promise<void> {
    if (this.paused) await condition(() => !this.paused || this.stop !== null || this.carryOverDue());
    this.safePoint(milestone, left);
  }

  /**
   * Wait `ms` of unpaused time: a pause stops the clock of a bake or a soak. A carry-over keeps
   * what is left of it under `milestone`, and the next run bakes only that.
   */
  async bake(milestone: string, ms: number): Promise<void> {
    let remaining = this.bakeLeft[milestone] ?? ms;
    while (remaining > 0) {
      await this.hold(milestone, remaining);
      const started = Date.now();
      await condition(() => this.paused !== null || this.stop !== null || this.carryOverDue(), remaining);
      remaining -= Date.now() - started;
      this.safePoint(milestone, Math.max(0, remaining));
    }
    delete this.bakeLeft[milestone];
  }

  snapshot(): CutoverStatus {
    const metrics: CutoverStatus['metrics'] = {};
    for (const metric of this.allMetrics()) {
      const state = this.metrics[metric.name] ?? initialMetricState();
      metrics[metric.name] = {
        ...state,
        threshold: describeThreshold(metric, state.limit),
        baseline: this.baselines[metric.name] ?? null,
      };
    }
    return {
      cutover: this.cutover,
      runbook: this.runbook.name,
      description: this.runbook.description ?? null,
      startedBy: this.startedBy,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
      outcome: this.outcome,
      phase: this.phase,
      reason: this.reason,
      step: this.step,
      weights: this.weights,
      weightsWritten: this.ground.written,
      weightsRead: this.ground.read,
      drift: this.ground.drift,
      holding: this.holding,
      paused: this.paused,
      openGate: this.openGate,
      metrics,
      lag: this.lag,
      queues: this.queues,
      rollback: this.rollback,
      retrying: this.retrying,
      unfinished: this.unfinished,
      writes: { ...this.writes, blueFrozen: this.frozen },
      approvals: this.runbook.approvals === 'unverified' ? 'unverified' : 'signed',
      startedByVerified: this.signing.start?.verified ?? false,
      startProof: this.signing.start ?? null,
      adoptWeights: this.adoptWeights,
      refused: { recorded: this.signing.refused.recorded, counted: this.signing.refused.counted },
      sampling: this.sampling,
      timeline: this.timeline,
    };
  }

  finish(outcome: Outcome, reason: string | null): void {
    this.outcome = outcome;
    this.reason = reason;
    this.endedAt = nowIso();
    this.record('outcome', reason ? `${outcome}: ${reason}` : outcome);
  }
}

export function nowIso(): string {
  return new Date(Date.now()).toISOString();
}
