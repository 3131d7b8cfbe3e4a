/**
 * What a cutover knows about itself: the snapshot returned by the status query, the workflow's
 * result and the source of every report. Plain data, so it survives history and queries unchanged.
 */
import type { MetricState } from './decisions/verdict';
import type { BreachCause } from './decisions/analysis-decision';
import type { Weights } from './decisions/traffic';
import type { DnsDrift, WeightsBasis } from './decisions/drift';
import type { Blocker } from './decisions/clean-bill';

export type Phase =
  | 'preflight'
  | 'gate'
  | 'freeze'
  | 'replication'
  | 'drain'
  | 'canary'
  | 'write-switch'
  | 'acceptance'
  | 'signoff'
  | 'complete'
  | 'rollback'
  | 'abort';

export type Outcome = 'running' | 'completed' | 'rolled-back' | 'aborted' | 'rollback-failed';

export type TimelineKind =
  | 'phase'
  | 'step'
  | 'dns'
  | 'lag'
  | 'drain'
  | 'start'
  | 'gate-open'
  | 'approval'
  | 'rejection'
  | 'refused'
  | 'timeout'
  | 'analysis'
  | 'sample-gap'
  | 'pause'
  | 'hold'
  | 'drift'
  | 'resume'
  | 'abort'
  | 'rollback'
  | 'escalation'
  | 'retry'
  | 'hook'
  | 'writes'
  | 'notify'
  | 'error'
  | 'outcome'
  | 'note';

export interface TimelineEntry {
  /** 1, 2, 3… across the whole cutover and its carried-over runs: a reader follows these, since a capped timeline drops entries from its middle. */
  seq: number;
  at: string;
  phase: Phase;
  kind: TimelineKind;
  message: string;
  by?: string;
  data?: Record<string, unknown>;
}

export interface OpenGate {
  name: string;
  approvers: string[];
  twoPersonRule: boolean;
  openedAt: string;
  /** Moves on by the time the cutover was paused: a pause stops the gate's clock. */
  deadline: string | null;
  /** Since when the gate's clock is stopped by a pause; null or absent while it runs. */
  clockStoppedAt?: string | null;
  /** `sha256:…` digest of `gateViewOf(this)`: what a signed decision binds. Absent under an older worker. */
  shown?: string;
  /** Different verified signers needed to pass (the gate's `approvals`, default 1). */
  required?: number;
  /** Approvals given so far at this opening (under `required` > 1). */
  approvals?: Array<{ principal: string; fingerprint: string | null; at: string }>;
  /** The keys this opening accepts, fixed when it opened from the worker's allowed signers (public keys). */
  keys?: Array<{ principal: string; keyType: string; fingerprint: string }>;
  /** What the approver is approving: the state of the run when the gate opened. */
  context: {
    weights: Weights | null;
    step: StepProgress | null;
    lagSeconds: number | null;
    metrics: Record<string, { value: number | null; verdict: string }>;
  };
}

export interface StepProgress {
  index: number;
  total: number;
  weight: number;
}

/** Provider calls a phase tries again inside its own timeout, and completion's steps after sign-off. */
export type RetriedOperation =
  | 'setDnsWeights'
  | 'waitForDnsSync'
  | 'readReplicationLag'
  | 'readReverseLag'
  | 'startReverseReplication'
  | 'readQueueDepths'
  | 'readDnsWeights'
  | 'restoreTtl'
  | 'unfreezeGreen';

/** A call failing now and being tried again. */
export interface Retrying {
  operation: RetriedOperation;
  /** Failed tries so far. */
  attempts: number;
  lastError: string;
  since: string;
  /** When the phase stops trying and the run stops; null for completion, which never rolls back. */
  deadline: string | null;
}

/** A step of completion that still failed when `rollback.giveUpAfter` ran out: left to a human. */
export interface UnfinishedStep {
  operation: RetriedOperation;
  attempts: number;
  lastError: string;
  since: string;
}

/** A time writes were refused on the side that takes them: the write outage the runbook costs. */
export interface FreezeWindow {
  /** The side frozen when the window opened. */
  side: 'blue' | 'green';
  why: 'frozen-window' | 'write-switch' | 'rollback';
  start: string;
  /** null while the window is open. */
  end: string | null;
  durationMs: number | null;
}

export interface LagReading {
  seconds: number | null;
  at: string;
}

/** Where writes go, what is frozen, and how the data moved; facts the run keeps and carries over. */
export interface WriteFacts {
  mode: 'frozen' | 'switch';
  /** The side the run last made the writer; green counts from just before the switch hook is called. */
  writer: 'blue' | 'green';
  /** Writes moved (or may have moved) to green in this run: a rollback must bring the data back first. */
  switched: boolean;
  greenFrozen: boolean;
  windows: FreezeWindow[];
  forwardLag: LagReading | null;
  reverseLag: LagReading | null;
  switchedAt: string | null;
  /** Forward lag read with blue frozen that let the switch go ahead. */
  lagAtSwitch: number | null;
  reverseStartedAt: string | null;
  switchedBackAt: string | null;
  /** A rollback's wait for the reverse lag with green frozen. */
  reverseWait: { startedAt: string; endedAt: string | null; firstLagSeconds: number | null; lastLagSeconds: number | null; metAt: string | null } | null;
  /** After a rollback past the switch: green's queues seen drained (or none listed). */
  greenQueuesDrainedAt: string | null;
  /** Set when the runbook accepts a rollback after the switch that loses green's writes. */
  lossWarning: string | null;
}

/** The record as the run wrote it and last read it (see ground-truth.ts); carried over. */
export interface GroundTruthFacts {
  /** The weights this run last wrote; null before its first write. */
  written: Weights | null;
  read: { weights: Weights; at: string } | null;
  /** Where the expected weights (`weights`) come from. */
  basis: WeightsBasis;
  /** The record reads other than expected, since `drift.readAt`, until a person resumes. */
  drift: DnsDrift | null;
  /** A write is in flight: a read now may see either side of it, so it proves nothing. */
  writing: boolean;
  /** Writes started so far: a read that a write overlapped proves nothing either. */
  changes: number;
}

/** The canary holding its weight until the bill is clean (decisions/clean-bill.ts). */
export interface Holding {
  /** What it waits to do: `step 3/3`, `acceptance`, `sign-off`. */
  before: string;
  weights: Weights | null;
  since: string;
  reason: string;
  blockers: Blocker[];
}

export interface MetricStatus extends MetricState {
  threshold: string;
  baseline: number | null;
}

/** A silence between analysis samples longer than a few intervals (see decisions/sample-gap.ts). */
export interface SampleGapStatus {
  from: string;
  to: string;
  /** Samples that were due and not taken. */
  missed: number;
}

export interface SamplingStatus {
  lastSampleAt: string | null;
  gaps: number;
  lastGap: SampleGapStatus | null;
}

export interface CutoverStatus {
  cutover: string;
  runbook: string;
  description: string | null;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  outcome: Outcome;
  phase: Phase;
  reason: string | null;
  step: StepProgress | null;
  /** What the run expects DNS to read: what it wrote, preflight's reading before that, or what a person accepted. */
  weights: Weights | null;
  /** What this run last wrote to DNS; null before its first write. Absent under an older worker, like the three below. */
  weightsWritten?: Weights | null;
  /** The record's weights as last read while the run held it, and when. */
  weightsRead?: { weights: Weights; at: string } | null;
  /** The record reads other than expected: a person or another tool changed it. The run is paused and writes nothing until resumed. */
  drift?: DnsDrift | null;
  /** The canary holds its weight: a trigger is crossed (its window still running) or a read is failing. */
  holding?: Holding | null;
  paused: { by: string; reason: string; since: string } | null;
  openGate: OpenGate | null;
  metrics: Record<string, MetricStatus>;
  lag: { seconds: number | null; rpoSeconds: number; at: string; withinRpoAt: string | null } | null;
  queues: { depths: Record<string, number>; at: string; drainedAt: string | null } | null;
  rollback: { reason: string; cause: BreachCause | null; startedAt: string; verifiedAt: string | null; attempts: number } | null;
  /** Absent in the status of a run started by an older worker, like `unfinished`. */
  retrying?: Retrying | null;
  /** Absent in the status of a run started by an older worker. */
  writes?: WriteFacts & { blueFrozen: boolean };
  /** Completed, but these steps after sign-off were escalated to a human instead of rolling back. */
  unfinished?: UnfinishedStep[];
  /** The runbook's approval policy: `unverified` means no identity in this run was verified. Absent under an older worker. */
  approvals?: 'signed' | 'unverified';
  /** Whether the starter's identity was verified by a signed start. */
  startedByVerified?: boolean;
  /** How the start was proven; null until preflight has checked it, absent under an older worker. */
  startProof?: import('./signing/proof').DecisionProof | null;
  /** Started with --adopt-weights: the canary continued from the weights DNS read. Absent under an older worker. */
  adoptWeights?: boolean;
  /** Refused decision attempts: how many were recorded in the timeline and how many only counted (the record is bounded). */
  refused?: { recorded: number; counted: number };
  /** The analysis's sampling while green has traffic; null before it starts. */
  sampling: SamplingStatus | null;
  timeline: TimelineEntry[];
}
