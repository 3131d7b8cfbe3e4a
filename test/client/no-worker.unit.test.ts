import { ServiceError } from '@temporalio/client';
import { statusJson } from '../../client/commands/status';
import type { Snapshot } from '../../client/cutovers';
import { UnreachableError } from '../../client/errors';
import { EXIT } from '../../client/exit-codes';
import { noWorkerAnswered, serverSawNoPoller, taskFailing } from '../../client/no-worker';
import { noWorkerError } from '../../client/run-errors';
import { prepareDecision } from '../../client/signing/sign-decision';
import { prepareWaveDecision } from '../../client/wave/sign-wave-decision';
import type { LastKnown } from '../../workflows/last-known';
import { iso, status } from './fixtures';

/** An error shaped as @grpc/grpc-js throws them, wrapped as the SDK wraps a failed query. */
function grpc(code: number, details: string): Error {
  const err = Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
  return new ServiceError('Failed to query Workflow', { cause: err });
}

const known: LastKnown = { phase: 'canary', outcome: 'running', step: { index: 1, total: 2, weight: 50 }, weights: { blue: 50, green: 50 }, openGate: 'half-way', paused: false, at: iso(0) };
const execution = { status: 'RUNNING' as const, runId: 'run-2', firstRunId: 'run-1', taskQueue: 'cutover', startTime: new Date(0), closeTime: null, lastKnown: known };
const noWorker = { message: 'no worker is polling task queue cutover since 09:15:00', lastPollAt: new Date(0), movingTo: null };

describe('telling no worker from a failure', () => {
  it('counts a timed-out or cancelled query, and the server refusing for want of a poller or of a completed workflow task, as no worker; nothing else', () => {
    expect(noWorkerAnswered(grpc(4, 'Deadline exceeded'))).toBe(true);
    expect(noWorkerAnswered(grpc(1, 'Cancelled on client'))).toBe(true);
    const noPoller = grpc(9, 'no poller seen for task queue recently, worker may be down');
    expect([noWorkerAnswered(noPoller), serverSawNoPoller(noPoller)]).toEqual([true, true]);
    const failing = grpc(9, 'Unable to query workflow due to Workflow Task in failed state.');
    expect([noWorkerAnswered(failing), taskFailing(failing), serverSawNoPoller(failing)]).toEqual([true, true, false]);
    expect(noWorkerAnswered(grpc(9, 'workflow execution already completed'))).toBe(false);
    expect(noWorkerAnswered(grpc(3, 'unknown query type'))).toBe(false);
    expect(noWorkerAnswered(new Error('no poller seen'))).toBe(false);
  });

  it('ends a one-shot command with exit 6, the last known phase and what became of the request', () => {
    const err = noWorkerError('orders-1', execution, noWorker, 'the approve was not sent');
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err.exitCode).toBe(EXIT.unreachable);
    expect(err.message).toMatch(/^no worker is polling task queue cutover since 09:15:00; cutover orders-1 is running, last known: canary, step 1\/2, waiting at gate "half-way" \(at \d\d:\d\d:\d\d\); the approve was not sent$/);
    expect(err.hint).toBe('start a worker: cutover worker --task-queue cutover');
  });

  it('gives a running cutover no worker answers its last known outcome in JSON, never null', () => {
    const snapshot: Snapshot = { id: 'orders-1', execution, status: null, noWorker };
    expect(statusJson(snapshot)).toMatchObject({ cutover: 'orders-1', outcome: 'running', phase: 'canary', noWorker });
    expect(statusJson({ ...snapshot, execution: { ...execution, lastKnown: null } })).toMatchObject({ outcome: 'running', phase: null });
    expect(statusJson({ id: 'orders-1', execution: { ...execution, status: 'TERMINATED' }, status: null })).toMatchObject({ outcome: null });
  });
});

describe('a decision at a gate nobody could read', () => {
  const key = { file: '/nonexistent/id_ed25519', source: '--key' };
  const context = { id: 'orders-1', firstRunId: 'run-1', status: null, key, now: 0, expiresInMs: 600_000, env: process.env };

  it('is neither signed nor sent unsigned: exit 6, saying it was not sent', async () => {
    for (const kind of ['approve', 'reject'] as const) {
      const decision = kind === 'approve' ? { kind, request: { gate: 'go-live', by: 'bob' } } : { kind, request: { gate: 'go-live', by: 'bob', reason: 'p95' } };
      const refused = prepareDecision(decision, context);
      await expect(refused).rejects.toThrow('cannot read gate "go-live" of cutover orders-1: no worker answered; the decision was not sent');
      await expect(refused).rejects.toMatchObject({ exitCode: EXIT.unreachable });
    }
  });

  it('of a wave is neither signed nor sent unsigned either', async () => {
    const refused = prepareWaveDecision({ kind: 'approve', request: { gate: 'go', by: 'bob' } }, context);
    await expect(refused).rejects.toThrow('cannot read gate "go" of wave orders-1: no worker answered; the decision was not sent');
    await expect(refused).rejects.toMatchObject({ exitCode: EXIT.unreachable });
  });

  it('still goes out unsigned to a gate that was read and is not open: the cutover refuses it in its words', async () => {
    const prepared = await prepareDecision({ kind: 'approve', request: { gate: 'sign-off', by: 'bob' } }, { ...context, status: status({ outcome: 'running', endedAt: null, openGate: null }) });
    expect(prepared.note).toBe('not signed: the gate is not open');
  });
});
