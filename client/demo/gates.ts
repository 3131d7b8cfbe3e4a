/**
 * What the demo does at a gate: by default it approves as listed approvers who are not the starter
 * (so the two-person rule holds), as many different ones as the gate asks for, each signing with
 * their throwaway key; with --wait-for-approval it says how a person approves, and waits.
 */
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { approveUpdate } from '../../workflows/messages';
import type { CutoverStatus, OpenGate } from '../../workflows/status';
import { asideLine, gateLine, type Palette } from '../render';
import { signStatement } from '../signing/sign-statement';
import { DEFAULT_EXPIRY_MS, gateStatementText } from '../signing/statements';
import { failureMessage } from '../../workflows/failure';
import { escapeUnsafe } from '../../workflows/runbook/text';
import type { DemoKeys } from './keys';

export const DEMO_COMMENT = 'approved by the demo';

/**
 * The first `required` listed approvers other than the starter; the starter only where no two-person
 * rule applies. Fewer than asked for when the gate cannot be passed without the starter.
 */
export function demoApprovers(gate: Pick<OpenGate, 'approvers' | 'twoPersonRule' | 'required'>, startedBy: string): string[] {
  const others = gate.approvers.filter((approver) => approver !== startedBy);
  const starter = !gate.twoPersonRule && gate.approvers.includes(startedBy) ? [startedBy] : [];
  return [...others, ...starter].slice(0, gate.required ?? 1);
}

export interface GateOptions {
  handle: WorkflowHandleWithFirstExecutionRunId;
  keys: DemoKeys;
  waitForApproval: boolean;
  address: string;
  namespace: string;
  print: (line: string) => void;
  colour: Palette;
}

export class DemoGates {
  /** Gates already seen, by name and opening time: a gate is announced and decided once. */
  private readonly seen = new Set<string>();

  constructor(private readonly options: GateOptions) {}

  async onStatus(status: CutoverStatus): Promise<void> {
    const gate = status.openGate;
    if (!gate || status.outcome !== 'running') return;
    const key = `${gate.name}@${gate.openedAt}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);

    const { print, colour } = this.options;
    print(asideLine('context', gateLine(gate, { colour }), { colour }));
    const approvers = demoApprovers(gate, status.startedBy);
    if (this.options.waitForApproval) {
      this.printHowToApprove(gate, approvers[0] ?? gate.approvers[0] ?? '<approver>');
      return;
    }
    if (approvers.length < (gate.required ?? 1)) {
      print(asideLine('demo', colour.yellow(`not enough approvers of gate "${gate.name}" other than ${status.startedBy}: waiting for its timeout`), { colour }));
      return;
    }
    for (const approver of approvers) await this.approve(gate, approver);
  }

  private async approve(gate: OpenGate, approver: string): Promise<void> {
    const { handle, keys, print, colour } = this.options;
    print(asideLine('demo', `approving gate "${gate.name}" as ${colour.bold(approver)} (a listed approver, not the starter), signed with ${approver}'s key`, { colour }));
    try {
      const keyFile = keys.keyOf(approver);
      const statement = gateStatementText({
        cutoverId: handle.workflowId,
        firstRunId: handle.firstExecutionRunId,
        gate,
        by: approver,
        decision: 'approve',
        reason: DEMO_COMMENT,
        now: Date.now(),
        expiresInMs: DEFAULT_EXPIRY_MS,
      });
      const signed = keyFile ? await signStatement(statement, { key: keyFile }) : undefined;
      await handle.executeUpdate(approveUpdate, { args: [{ gate: gate.name, by: approver, comment: DEMO_COMMENT, ...(signed ? { signed } : {}) }] });
    } catch (err) {
      print(asideLine('demo', colour.red(`approval refused: ${escapeUnsafe(failureMessage(err), { oneLine: true })}`), { colour }));
    }
  }

  private printHowToApprove(gate: OpenGate, approver: string): void {
    const { handle, keys, address, namespace, print, colour } = this.options;
    const keyFile = keys.keyOf(approver);
    const command = [
      'npx cutover approve',
      handle.workflowId,
      `--gate ${gate.name}`,
      `--as ${approver}`,
      ...(keyFile ? [`--key ${keyFile}`] : []),
      `--address ${address}`,
      ...(namespace === 'default' ? [] : [`--namespace ${namespace}`]),
    ].join(' ');
    print(asideLine('waiting', `to approve, run in another shell (or keep waiting; the demo polls until the gate is decided):`, { colour }));
    print(asideLine('', colour.bold(command), { colour }));
  }
}
