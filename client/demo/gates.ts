/**
 * What the demo does at a gate: by default it approves as a listed approver who is not the starter
 * (so the two-person rule holds); with --wait-for-approval it says how a person approves, and waits.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { approveUpdate } from '../../workflows/messages';
import type { CutoverStatus, OpenGate } from '../../workflows/status';
import { TEMPORAL_CLI_PATH } from '../../worker/temporal-server';
import { asideLine, gateLine, type Palette } from '../render';
import { failureMessage } from '../../workflows/failure';
import { escapeUnsafe } from '../../workflows/runbook/text';

export const DEMO_COMMENT = 'approved by the demo';

/** The first listed approver other than the starter; the starter only where no two-person rule applies. */
export function demoApprover(gate: Pick<OpenGate, 'approvers' | 'twoPersonRule'>, startedBy: string): string | null {
  const other = gate.approvers.find((approver) => approver !== startedBy);
  if (other) return other;
  return !gate.twoPersonRule && gate.approvers.includes(startedBy) ? startedBy : null;
}

export interface GateOptions {
  handle: WorkflowHandle;
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
    const approver = demoApprover(gate, status.startedBy);
    if (this.options.waitForApproval) {
      this.printHowToApprove(gate, approver ?? gate.approvers[0] ?? '<approver>');
      return;
    }
    if (!approver) {
      print(asideLine('demo', colour.yellow(`no approver of gate "${gate.name}" other than ${status.startedBy}: waiting for its timeout`), { colour }));
      return;
    }
    print(asideLine('demo', `approving gate "${gate.name}" as ${colour.bold(approver)} (a listed approver, not the starter ${status.startedBy})`, { colour }));
    try {
      await this.options.handle.executeUpdate(approveUpdate, { args: [{ gate: gate.name, by: approver, comment: DEMO_COMMENT }] });
    } catch (err) {
      print(asideLine('demo', colour.red(`approval refused: ${escapeUnsafe(failureMessage(err), { oneLine: true })}`), { colour }));
    }
  }

  private printHowToApprove(gate: OpenGate, approver: string): void {
    const { handle, address, namespace, print, colour } = this.options;
    const cli = existsSync(TEMPORAL_CLI_PATH) ? path.relative(process.cwd(), TEMPORAL_CLI_PATH) : 'temporal';
    const input = JSON.stringify({ gate: gate.name, by: approver, comment: 'looks good' });
    const command = [
      cli,
      'workflow update execute',
      `--address ${address}`,
      ...(namespace === 'default' ? [] : [`--namespace ${namespace}`]),
      `--workflow-id ${handle.workflowId}`,
      '--name approve',
      `--input '${input}'`,
    ].join(' ');
    print(asideLine('waiting', `to approve, run in another shell (or keep waiting; the demo polls until the gate is decided):`, { colour }));
    print(asideLine('', colour.bold(command), { colour }));
  }
}
