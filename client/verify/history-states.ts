/**
 * What a cutover's history says it did, apart from the decisions it lists: the last-known state it
 * upserts to its memo at every change of gate or pause (workflows/last-known.ts), read as typed
 * fields. From them `cutover verify` tells when a gate was passed and when a resume took effect,
 * and so which of those no accepted, verified decision stands behind. Pure.
 */
import type { LastKnown } from '../../workflows/last-known';

export interface KnownState {
  openGate: string | null;
  paused: boolean;
  phase: string;
  outcome: string;
  /** Epoch ms of the memo's upsert, and where it is in the history (`order` counts events across runs). */
  at: number;
  runId: string;
  eventId: string;
  order: number;
}

/** A last-known memo value's fields verify reads, or null when it is not one the cutover could have written. */
export function knownStateOf(value: unknown): Pick<KnownState, 'openGate' | 'paused' | 'phase' | 'outcome'> | null {
  const known = value as Partial<LastKnown> | null;
  if (!known || typeof known !== 'object') return null;
  if (!(known.openGate === null || typeof known.openGate === 'string') || typeof known.paused !== 'boolean' || typeof known.phase !== 'string' || typeof known.outcome !== 'string') return null;
  return { openGate: known.openGate, paused: known.paused, phase: known.phase, outcome: known.outcome };
}

/** Approvals each gate of a runbook needs: `approvals: n`, else one. */
export function requiredApprovals(runbook: unknown): Record<string, number> {
  const gates = (runbook as { gates?: unknown } | undefined)?.gates;
  if (!Array.isArray(gates)) return {};
  return Object.fromEntries(
    gates.flatMap((gate: { name?: unknown; approvals?: unknown }) => (typeof gate?.name === 'string' ? [[gate.name, Number.isInteger(gate.approvals) && (gate.approvals as number) > 0 ? (gate.approvals as number) : 1]] : [])),
  );
}

/** The run went on from this state: it is not unwinding and has not failed (a rejection, timeout or abort unwinds). */
export function goesOn(state: Pick<KnownState, 'phase' | 'outcome'>): boolean {
  return state.phase !== 'rollback' && state.phase !== 'abort' && (state.outcome === 'running' || state.outcome === 'completed');
}

export interface GatePassed {
  gate: string;
  /** The state in which the gate was open, and the first after it that shows it closed with the run going on. */
  opened: KnownState;
  passed: KnownState;
}

export interface ResumeTookEffect {
  /** The state that shows the cutover paused, and the first after it that shows it going on unpaused. */
  paused: KnownState;
  resumed: KnownState;
}

/** Each gate the history shows passed: open in one state, closed in the next while the run goes on. */
export function gatesPassed(states: KnownState[]): GatePassed[] {
  const passed: GatePassed[] = [];
  let open: KnownState | null = null;
  for (const state of states) {
    if (open && state.openGate !== open.openGate && goesOn(state)) passed.push({ gate: open.openGate!, opened: open, passed: state });
    if (state.openGate === null) open = null;
    else if (state.openGate !== open?.openGate) open = state;
  }
  return passed;
}

/** Each resume the history shows taking effect: paused in one state, unpaused in the next while the run goes on. */
export function resumesTookEffect(states: KnownState[]): ResumeTookEffect[] {
  const resumes: ResumeTookEffect[] = [];
  let paused: KnownState | null = null;
  for (const state of states) {
    if (paused && !state.paused && goesOn(state)) resumes.push({ paused, resumed: state });
    if (!state.paused) paused = null;
    else paused ??= state;
  }
  return resumes;
}
