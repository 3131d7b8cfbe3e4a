/**
 * Waiting at a gate: open it with a picture of what is being approved, notify, and wait for an
 * authorised decision or the gate's timeout. Rejection or a rejecting timeout stops the run. A gate
 * already open when the run was carried over stays open, with its deadline.
 */
import { condition } from '@temporalio/workflow';
import { formatDuration } from './runbook/duration';
import { CarryOverDue, nowIso, type CutoverRun, type GateDecision } from './run';
import type { Notify } from './notify';

export async function passGate(run: CutoverRun, name: string, notify: Notify): Promise<void> {
  run.checkpoint();
  const gate = run.runbook.gates.find((candidate) => candidate.name === name)!;
  const who = `${gate.approvers.join(', ')}${gate.twoPersonRule ? ` (not ${run.startedBy}: two-person rule)` : ''}`;
  if (run.openGate?.name !== name) {
    const deadline = gate.timeout !== undefined ? new Date(Date.now() + gate.timeout).toISOString() : null;
    run.gateDecision = null;
    run.openGate = {
      name,
      approvers: gate.approvers,
      twoPersonRule: gate.twoPersonRule,
      openedAt: nowIso(),
      deadline,
      context: {
        weights: run.weights,
        step: run.step,
        lagSeconds: run.lag?.seconds ?? null,
        metrics: Object.fromEntries(Object.entries(run.metrics).map(([metric, state]) => [metric, { value: state.value, verdict: state.verdict }])),
      },
    };
    run.record('gate-open', `gate "${name}" open: waiting for ${who}`, { data: { gate: name, deadline } });
    await notify('gate-open', `gate "${name}" of ${run.cutover} waits for approval by ${who}`, { gate: { name, approvers: gate.approvers } });
  }

  const settled = () => run.gateDecision !== null || run.stop !== null || run.carryOverDue();
  while (!run.gateDecision && run.stop === null) {
    const deadline = run.openGate!.deadline;
    const decided = deadline === null ? (await condition(settled), true) : await condition(settled, Math.max(0, Date.parse(deadline) - Date.now()));
    if (!run.gateDecision && run.stop === null && run.carryOverDue()) throw new CarryOverDue();
    if (decided) break;
    if (gate.onTimeout === 'wait') {
      run.openGate!.deadline = null;
      run.record('timeout', `gate "${name}" waited ${formatDuration(gate.timeout!)} with no decision; still waiting`);
      await notify('gate-open', `gate "${name}" of ${run.cutover} still waits after ${formatDuration(gate.timeout!)}: ${who}`, {
        gate: { name, approvers: gate.approvers },
      });
      continue;
    }
    const reason = `gate "${name}" timed out after ${formatDuration(gate.timeout!)} with no decision`;
    run.record('timeout', reason);
    run.requestStop({ reason, by: 'timeout', cause: null });
  }
  run.openGate = null;
  // Set by the message handlers while this function awaited.
  const decision = run.gateDecision as GateDecision | null;
  run.gateDecision = null;
  if (decision && !decision.approved && run.stop === null) {
    run.requestStop({ reason: `gate "${name}" rejected by ${decision.by}: ${decision.note ?? ''}`, by: decision.by, cause: null });
  }
  run.checkpoint();
}
