/**
 * Signed decisions for the workflow tests: throwaway keys from real ssh-keygen, a worker's
 * allowed-signers file naming them, and statements of the gate a cutover shows, signed the way the
 * CLI signs them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { ApproveRequest, RejectRequest, SignedDecision } from '../../../workflows/messages';
import type { Runbook } from '../../../workflows/runbook/schema';
import { runbookDigest, startStatementText, type StartStatement } from '../../../workflows/signing/start-statement';
import { statusQuery } from '../../../workflows/messages';
import { DECISION_NAMESPACE, statementText, type DecisionStatement } from '../../../workflows/signing/statement';
import type { CutoverStatus } from '../../../workflows/status';
import { SshWorkspace, type TestKey } from '../../support/ssh';

export const PEOPLE = ['olivia', 'bob', 'carol', 'dave', 'mallory'] as const;
export type Person = (typeof PEOPLE)[number];

export interface Keyring {
  ssh: SshWorkspace;
  keys: Record<Person, TestKey>;
  /** The worker's allowed-signers file: one line per person. */
  allowedSigners: string;
  close(): void;
}

export function keyring(): Keyring {
  const ssh = new SshWorkspace();
  const keys = Object.fromEntries(PEOPLE.map((person) => [person, ssh.key(person === 'carol' ? 'ecdsa-256' : 'ed25519')])) as Record<Person, TestKey>;
  const allowedSigners = join(ssh.dir, 'allowed_signers');
  writeFileSync(allowedSigners, PEOPLE.map((person) => `${person} ${keys[person].publicKey}`).join('\n') + '\n');
  return { ssh, keys, allowedSigners, close: () => ssh.close() };
}

export function firstRunId(handle: WorkflowHandle): string {
  return (handle as WorkflowHandleWithFirstExecutionRunId).firstExecutionRunId;
}

export interface Signing {
  by: string;
  key: TestKey | string;
  decision?: 'approve' | 'reject';
  reason?: string | null;
  /** Changes to the statement the CLI would sign, to forge or replay one. */
  change?: Partial<DecisionStatement>;
  env?: NodeJS.ProcessEnv;
}

/** A signed decision for the gate `status` shows open, as `cutover approve` would send it. */
export function signedFor(ring: Keyring, handle: WorkflowHandle, status: CutoverStatus, signing: Signing): ApproveRequest & RejectRequest {
  const open = status.openGate!;
  const decision = signing.decision ?? 'approve';
  const reason = signing.reason ?? (decision === 'reject' ? 'error rate up' : null);
  const statement = statementText({
    cutoverId: handle.workflowId,
    firstRunId: firstRunId(handle),
    gate: open.name,
    by: signing.by,
    decision,
    reason,
    gateOpenedAt: open.openedAt,
    shown: open.shown!,
    expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
    ...signing.change,
  });
  const signature = ring.ssh.sign(signing.key, DECISION_NAMESPACE, statement, [], signing.env);
  return { gate: open.name, by: signing.by, ...(reason === null ? {} : decision === 'approve' ? { comment: reason } : { reason }), signed: { statement, signature } } as ApproveRequest & RejectRequest;
}

/** A start signed the way `cutover start` signs it; `change` forges or replays one. */
export function signedStartFor(ring: Keyring, runbook: Runbook, id: string, by: string, key: TestKey | string, change: Partial<StartStatement> = {}): SignedDecision {
  const now = Date.now();
  const statement = startStatementText({ cutoverId: id, runbook: runbookDigest(runbook), by, signedAt: new Date(now).toISOString(), expiresAt: new Date(now + 10 * 60_000).toISOString(), ...change });
  return { statement, signature: ring.ssh.sign(key, DECISION_NAMESPACE, statement) };
}

export async function statusOf(handle: WorkflowHandle): Promise<CutoverStatus> {
  return handle.query(statusQuery);
}

/** The message of a refused Update; fails when the update was accepted. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return (err as WorkflowUpdateFailedError).cause?.message ?? '';
  }
  throw new Error('the update was accepted but should have been refused');
}

export function refusedEntries(status: CutoverStatus) {
  return status.timeline.filter((entry) => entry.kind === 'refused');
}
