/**
 * What a cutover tells Migration Hub about its migration task, from where the run is: NOT_STARTED
 * until preflight has passed, IN_PROGRESS with a percent through the phases, COMPLETED at the end,
 * FAILED when it rolled back or aborted (the reason as the detail). The percent grows with the
 * runbook's order, the canary taking the middle of the range by steps:
 *
 *   preflight 0 (NOT_STARTED) · start gate 5 · freeze 10 · replication 15 · drain 20 ·
 *   canary 25 + 60 × (steps done / steps) · write switch as the canary step it follows ·
 *   acceptance 90 · sign-off 95 · completing 98 · completed 100
 *
 * Pure: the workflow reports whenever this changes.
 */
import type { Outcome, Phase, StepProgress } from '../status';

export type MigrationTaskStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface MigrationTaskState {
  status: MigrationTaskStatus;
  percent?: number;
  detail?: string;
}

export interface ProgressPoint {
  phase: Phase;
  step: StepProgress | null;
  outcome: Outcome;
  reason: string | null;
}

/** Migration Hub's limit on StatusDetail. */
export const STATUS_DETAIL_LIMIT = 2_500;

const PHASE_PERCENT: Partial<Record<Phase, number>> = { gate: 5, freeze: 10, replication: 15, drain: 20, acceptance: 90, signoff: 95, complete: 98 };
const CANARY_FROM = 25;
const CANARY_SPAN = 60;

function bounded(detail: string): string {
  return detail.length <= STATUS_DETAIL_LIMIT ? detail : `${detail.slice(0, STATUS_DETAIL_LIMIT - 1)}…`;
}

export function migrationTaskState(point: ProgressPoint): MigrationTaskState {
  const { phase, step, outcome, reason } = point;
  if (outcome === 'completed') return { status: 'COMPLETED', percent: 100 };
  if (outcome !== 'running') return { status: 'FAILED', detail: bounded(`${outcome}: ${reason ?? 'no reason given'}`) };
  if (phase === 'preflight') return { status: 'NOT_STARTED', percent: 0 };
  // Rolling back or aborting: the last percent stands until the outcome, told as FAILED.
  if (phase === 'rollback' || phase === 'abort') return { status: 'IN_PROGRESS', detail: phase === 'rollback' ? 'rolling back' : 'aborting' };
  if (phase === 'canary' || phase === 'write-switch') {
    const done = step ? step.index - 1 : 0;
    const total = step?.total ?? 1;
    return { status: 'IN_PROGRESS', percent: CANARY_FROM + Math.floor((CANARY_SPAN * done) / total) };
  }
  return { status: 'IN_PROGRESS', percent: PHASE_PERCENT[phase] ?? 0 };
}

export function sameState(a: MigrationTaskState, b: MigrationTaskState): boolean {
  return a.status === b.status && a.percent === b.percent && a.detail === b.detail;
}
