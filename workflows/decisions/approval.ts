/**
 * May this person pass (or reject) this gate now? One pure function serves the Update validators,
 * the Signal handlers and the CLI, so every path refuses the same requests with the same words.
 */
import type { Gate } from '../runbook/schema';
import { escapeUnsafe } from '../runbook/text';

export interface GateRequest {
  gate: string;
  by: string;
}

export interface GateContext {
  gates: Gate[];
  /** The name of the gate waiting for a decision, if any. */
  openGate: string | null;
  startedBy: string;
  /** Why the run takes no decisions (rolling back, aborting, over), in `notRunningText`'s words; null while it runs. */
  notRunning: string | null;
}

/** The reason the request is refused, or null when it may proceed. */
export function refuseGateDecision(request: GateRequest, context: GateContext): string | null {
  return refuseGateState(request, context) ?? refuseApprover(request, context)?.message ?? null;
}

/**
 * Refusals that say nothing about who is asking: no name, a run that takes no decisions, no such
 * gate, a gate not open. Cheap to judge, so an Update's validator refuses them before history.
 */
export function refuseGateState(request: GateRequest, context: GateContext): string | null {
  const by = request.by?.trim();
  if (!by) return 'say who you are: the approver identity is empty (pass --as <name>)';
  if (context.notRunning) return `this cutover ${context.notRunning}; no gate can be decided`;
  const gate = context.gates.find((candidate) => candidate.name === request.gate);
  if (!gate) {
    const known = context.gates.map((candidate) => candidate.name).join(', ') || 'none';
    return `no gate named "${escapeUnsafe(String(request.gate), { oneLine: true })}" in this runbook; its gates are: ${known}`;
  }
  if (context.openGate !== request.gate) {
    const open = context.openGate ? `the open gate is "${context.openGate}"` : 'no gate is open now';
    return `gate "${request.gate}" is not open: ${open}`;
  }
  return null;
}

/** May this principal decide this (existing, open) gate: an approver, and not the starter under the two-person rule? */
export function refuseApprover(request: GateRequest, context: Pick<GateContext, 'gates' | 'startedBy'>): { reason: 'not-an-approver' | 'two-person-rule'; message: string } | null {
  const by = request.by.trim();
  const gate = context.gates.find((candidate) => candidate.name === request.gate)!;
  if (!gate.approvers.includes(by)) {
    return { reason: 'not-an-approver', message: `${by} may not decide gate "${gate.name}": its approvers are ${gate.approvers.join(', ')}` };
  }
  if (gate.twoPersonRule && by === context.startedBy) {
    return {
      reason: 'two-person-rule',
      message: `${by} started this cutover and gate "${gate.name}" follows the two-person rule: another approver must decide`,
    };
  }
  return null;
}
