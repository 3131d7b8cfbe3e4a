/**
 * What a cutover knows about itself: the snapshot returned by the status query, the workflow's
 * result and the source of every report. Plain data, so it survives history and queries unchanged.
 */
import type { MetricState } from './decisions/verdict';
import type { BreachCause } from './decisions/analysis-decision';
import type { Weights } from './decisions/traffic';

export type Phase =
  | 'preflight'
  | 'gate'
  | 'freeze'
  | 'replication'
  | 'drain'
  | 'canary'
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
  | 'gate-open'
  | 'approval'
  | 'rejection'
  | 'refused'
  | 'timeout'
  | 'analysis'
  | 'sample-gap'
  | 'pause'
  | 'resume'
  | 'abort'
  | 'rollback'
  | 'escalation'
  | 'hook'
  | 'notify'
  | 'error'
  | 'outcome'
  | 'note';

export interface TimelineEntry {
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
  deadline: string | null;
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
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  outcome: Outcome;
  phase: Phase;
  reason: string | null;
  step: StepProgress | null;
  weights: Weights | null;
  paused: { by: string; reason: string; since: string } | null;
  openGate: OpenGate | null;
  metrics: Record<string, MetricStatus>;
  lag: { seconds: number | null; rpoSeconds: number; at: string; withinRpoAt: string | null } | null;
  queues: { depths: Record<string, number>; at: string; drainedAt: string | null } | null;
  rollback: { reason: string; cause: BreachCause | null; startedAt: string; verifiedAt: string | null; attempts: number } | null;
  /** The analysis's sampling while green has traffic; null before it starts. */
  sampling: SamplingStatus | null;
  timeline: TimelineEntry[];
}
