/**
 * The record of one cutover, from its final (or current) status: the phases it went through, every
 * decision with who made it, their comment or reason and the metric values at the time, the
 * rollback and its cause, and the whole timeline. `report --format json` prints this as it is; the
 * markdown report is rendered from it.
 */
import type { Weights } from '../workflows/decisions/traffic';
import type { DnsDrift } from '../workflows/decisions/drift';
import type { DecisionProof, RefusedAttempt } from '../workflows/signing/proof';
import { proofOf, refusalOf } from './render/proof';
import type { CutoverStatus, Outcome, Phase, TimelineEntry, TimelineKind } from '../workflows/status';

export interface MetricAtDecision {
  value: number | null;
  verdict: string;
}

export interface ReportDecision {
  at: string;
  phase: Phase;
  kind: 'approval' | 'rejection' | 'refused' | 'timeout' | 'pause' | 'resume' | 'abort' | 'breach';
  by: string | null;
  gate: string | null;
  /** The approver's comment, or the reason given for a rejection, pause or abort. */
  note: string | null;
  message: string;
  /** Each metric's value and verdict when the decision was taken; for a breach, the breaching metric. */
  metrics: Record<string, MetricAtDecision> | null;
  /** How a person's decision was proven (statement and signature included, for `ssh-keygen -Y verify`); null for others. */
  proof: DecisionProof | null;
  /** A refused attempt's typed record; null for others. */
  refusal: RefusedAttempt | null;
}

export interface Report {
  cutover: string;
  runbook: string | null;
  description: string | null;
  /** Temporal's state of the run: RUNNING, COMPLETED, TERMINATED, … */
  execution: string;
  outcome: Outcome | null;
  reason: string | null;
  startedBy: string | null;
  /** The runbook's approval policy; `unverified` means no identity in this run was verified. */
  approvals: 'signed' | 'unverified' | null;
  /** Refused attempts: recorded in the timeline, and only counted beyond the record's bound. */
  refused: { recorded: number; counted: number } | null;
  startedAt: string | null;
  endedAt: string | null;
  weights: Weights | null;
  /** What the run last wrote to DNS, and the record as last read (with when). */
  weightsWritten: Weights | null;
  weightsRead: { weights: Weights; at: string } | null;
  /** The record read other than expected when the report was made (a person or another tool changed it). */
  drift: DnsDrift | null;
  rollback: CutoverStatus['rollback'];
  writes: CutoverStatus['writes'] | null;
  phases: { phase: Phase; at: string; message: string }[];
  decisions: ReportDecision[];
  timeline: TimelineEntry[];
}

export function reportOf(id: string, execution: string, status: CutoverStatus | null): Report {
  if (!status) {
    return { cutover: id, runbook: null, description: null, execution, outcome: null, reason: null, startedBy: null, approvals: null, refused: null, startedAt: null, endedAt: null, weights: null, weightsWritten: null, weightsRead: null, drift: null, rollback: null, writes: null, phases: [], decisions: [], timeline: [] };
  }
  return {
    cutover: id,
    runbook: status.runbook,
    description: status.description,
    execution,
    outcome: status.outcome,
    reason: status.reason,
    startedBy: status.startedBy,
    approvals: status.approvals ?? null,
    refused: status.refused ?? null,
    startedAt: status.startedAt,
    endedAt: status.endedAt,
    weights: status.weights,
    weightsWritten: status.weightsWritten ?? null,
    weightsRead: status.weightsRead ?? null,
    drift: status.drift ?? null,
    rollback: status.rollback,
    writes: status.writes ?? null,
    phases: status.timeline.filter((entry) => entry.kind === 'phase').map(({ phase, at, message }) => ({ phase, at, message })),
    decisions: status.timeline.flatMap((entry) => decisionOf(entry) ?? []),
    timeline: status.timeline,
  };
}

const DECISION_KINDS: Partial<Record<TimelineKind, ReportDecision['kind']>> = {
  approval: 'approval',
  rejection: 'rejection',
  refused: 'refused',
  timeout: 'timeout',
  pause: 'pause',
  resume: 'resume',
  abort: 'abort',
};

function decisionOf(entry: TimelineEntry): ReportDecision | null {
  const breach = entry.kind === 'analysis' && entry.message.startsWith('breach');
  const kind = breach ? 'breach' : DECISION_KINDS[entry.kind];
  if (!kind) return null;
  const data = entry.data ?? {};
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  return {
    at: entry.at,
    phase: entry.phase,
    kind,
    by: entry.by ?? (breach ? 'analysis' : null),
    gate: text(data.gate) ?? gateInMessage(entry.message),
    // A refused attempt's `reason` is its typed refusal (in `refusal`), not something a person wrote.
    note: kind === 'refused' ? null : (text(data.comment) ?? text(data.reason)),
    message: entry.message,
    metrics: metricsOf(data),
    proof: proofOf(entry),
    refusal: refusalOf(entry),
  };
}

function metricsOf(data: Record<string, unknown>): Record<string, MetricAtDecision> | null {
  const recorded = data.metrics as Record<string, MetricAtDecision> | undefined;
  if (recorded && Object.keys(recorded).length > 0) return recorded;
  const cause = data.cause as { metric?: string; value?: number | null } | undefined;
  if (cause?.metric) return { [cause.metric]: { value: cause.value ?? null, verdict: 'breach' } };
  return null;
}

function gateInMessage(message: string): string | null {
  return /gate "([^"]+)"/.exec(message)?.[1] ?? null;
}

