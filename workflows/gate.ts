/**
 * Waiting at a gate: open it with a picture of what is being approved, notify, and wait for an
 * authorised decision or the gate's timeout. Rejection or a rejecting timeout stops the run. A gate
 * already open when the run was carried over stays open, with its deadline. A pause stops the
 * gate's clock.
 */
import { condition } from '@temporalio/workflow';
import type { Activities } from './activities';
import { formatDuration } from './runbook/duration';
import { CarryOverDue, nowIso, type CutoverRun, type GateDecision } from './run';
import { loadGateKeys } from './signed-decisions';
import { gateViewOf } from './signing/proof';
import { gateViewDigest } from './signing/statement';
import type { OpenGate } from './status';
import type { Notify } from './notify';

export async function passGate(run: CutoverRun, name: string, { notify, activities }: { notify: Notify; activities: Activities }): Promise<void> {
  run.checkpoint();
  const gate = run.runbook.gates.find((candidate) => candidate.name === name)!;
  const who = `${gate.approvers.join(', ')}${gate.twoPersonRule ? ` (not ${run.startedBy}: two-person rule)` : ''}`;
  if (run.openGate?.name !== name) {
    // The keys are fixed before the gate opens: no decision can arrive while they are read.
    const keys = await loadGateKeys(run, activities, gate);
    const deadline = gate.timeout !== undefined ? new Date(Date.now() + gate.timeout).toISOString() : null;
    run.gateDecision = null;
    run.openGate = {
      name,
      approvers: gate.approvers,
      twoPersonRule: gate.twoPersonRule,
      openedAt: nowIso(),
      deadline,
      clockStoppedAt: null,
      required: gate.approvals,
      approvals: [],
      keys,
      context: {
        weights: run.weights,
        step: run.step,
        lagSeconds: run.lag?.seconds ?? null,
        metrics: Object.fromEntries(Object.entries(run.metrics).map(([metric, state]) => [metric, { value: state.value, verdict: state.verdict }])),
      },
    };
    run.openGate.shown = gateViewDigest(gateViewOf(run.openGate));
    const many = gate.approvals > 1 ? ` (${gate.approvals} different approvers)` : '';
    run.record('gate-open', `gate "${name}" open: waiting for ${who}${many}`, {
      data: { gate: name, deadline, shown: run.openGate.shown, required: gate.approvals, keys: keys ?? null },
    });
    await notify('gate-open', `gate "${name}" of ${run.cutover} waits for approval by ${who}`, { gate: { name, approvers: gate.approvers } });
  }

  const settled = () => run.gateDecision !== null || run.stop !== null || run.carryOverDue();
  while (!run.gateDecision && run.stop === null) {
    const open = run.openGate!;
    let timedOut = false;
    if (open.deadline === null) await condition(settled);
    else if (run.paused) await holdClock(run, open, settled);
    else timedOut = !(await condition(() => settled() || run.paused !== null, Math.max(0, Date.parse(open.deadline) - Date.now())));
    if (!run.gateDecision && run.stop === null && run.carryOverDue()) throw new CarryOverDue();
    if (!timedOut) continue;
    if (gate.onTimeout === 'wait') {
      open.deadline = null;
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

/**
 * A pause holds everything where it is, the gate's clock included: while paused the gate cannot
 * time out, and its deadline moves on by the paused time. Also moved before a carry-over, so the
 * next run counts on from where this one stopped.
 */
async function holdClock(run: CutoverRun, open: OpenGate, settled: () => boolean): Promise<void> {
  const stoppedAt = open.clockStoppedAt ? Date.parse(open.clockStoppedAt) : Date.now();
  open.clockStoppedAt = new Date(stoppedAt).toISOString();
  await condition(() => settled() || run.paused === null);
  open.deadline = new Date(Date.parse(open.deadline!) + Date.now() - stoppedAt).toISOString();
  open.clockStoppedAt = run.paused ? nowIso() : null;
  if (!run.paused) {
    run.record('note', `gate "${open.name}" was held ${formatDuration(Date.now() - stoppedAt)} by the pause; it now times out at ${open.deadline}`, {
      data: { gate: open.name, deadline: open.deadline, heldMs: Date.now() - stoppedAt },
    });
  }
}
