/**
 * Activity stubs grouped by timeout profile. Timeouts that depend on the runbook (DNS sync, hooks,
 * analysis interval) are built per run; everything else is fixed here.
 */
import { proxyActivities, proxyLocalActivities, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { CutoverActivities } from '../activities';
import type { Runbook, Hook } from './runbook/schema';
import { dnsRollbackTaskQueue, dnsTaskQueue } from './task-queues';
import { measureTimeoutMs } from './runbook/provider-rules';

const reads: ActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '10s', maximumAttempts: 5 },
};

const writes: ActivityOptions = {
  startToCloseTimeout: '60s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '20s', maximumAttempts: 5 },
};

const preflightOptions: ActivityOptions = {
  startToCloseTimeout: '2m',
  retry: { initialInterval: '1s', maximumAttempts: 3, nonRetryableErrorTypes: ['PreflightFailed'] },
};

/** Tried for a few minutes: an administrator may be halfway through editing the allowed signers. */
const signers: ActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 10 },
};

const notifications: ActivityOptions = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', maximumAttempts: 3 },
};

export function activitiesFor(runbook: Runbook) {
  // Every DNS call goes through the rate-limited DNS lane (see task-queues.ts).
  const dns = { taskQueue: dnsTaskQueue(workflowInfo().taskQueue) };
  const { preflight } = proxyActivities<CutoverActivities>(preflightOptions);
  const { readDnsWeights } = proxyActivities<CutoverActivities>({ ...reads, ...dns });
  const { setDnsTtl } = proxyActivities<CutoverActivities>({ ...writes, ...dns });
  const { waitForDnsSync } = proxyActivities<CutoverActivities>({
    ...dns,
    startToCloseTimeout: runbook.dns.syncTimeout,
    heartbeatTimeout: '15s',
    retry: { initialInterval: '1s', maximumAttempts: 3 },
  });
  // Sampling is a short read repeated for hours: as a local activity it costs one history event
  // instead of three and skips a round trip through the server. A sample that fails is counted by
  // the analysis, not retried here: the next interval is the retry.
  const { measure } = proxyLocalActivities<CutoverActivities>({
    startToCloseTimeout: measureTimeoutMs(runbook.analysis.interval),
    retry: { maximumAttempts: 1 },
  });
  const { notify } = proxyActivities<CutoverActivities>(notifications);
  const { loadGateSigners } = proxyActivities<CutoverActivities>(signers);
  // The rollback loop retries on its own schedule and escalates, so each call is tried once here.
  // Its DNS lane is its own, so it never queues behind other cutovers' canaries (see task-queues.ts).
  const dnsRollback = { taskQueue: dnsRollbackTaskQueue(workflowInfo().taskQueue) };
  const rollbackCalls = proxyActivities<CutoverActivities>({ ...dnsRollback, startToCloseTimeout: '60s', retry: { maximumAttempts: 1 } });
  const rollbackSync = proxyActivities<CutoverActivities>({
    ...dnsRollback,
    startToCloseTimeout: runbook.dns.syncTimeout,
    heartbeatTimeout: '15s',
    retry: { maximumAttempts: 1 },
  });
  const rollback = {
    setDnsWeights: rollbackCalls.setDnsWeights,
    waitForDnsSync: rollbackSync.waitForDnsSync,
    readDnsWeights: rollbackCalls.readDnsWeights,
    setDnsTtl: rollbackCalls.setDnsTtl,
  };
  return { rollback, tries: singleTries(runbook, dns), preflight, readDnsWeights, setDnsTtl, waitForDnsSync, measure, notify, loadGateSigners };
}

/**
 * Calls a phase retries itself inside its own timeout (see retry.ts), so each one is tried once
 * here: every failure is counted and shown, and no try runs past what is left of that timeout.
 */
function singleTries(runbook: Runbook, dns: { taskQueue: string }) {
  const once = (options: ActivityOptions, capMs: number, leftMs: number) =>
    proxyActivities<CutoverActivities>({ ...options, startToCloseTimeout: Math.min(capMs, leftMs), retry: { maximumAttempts: 1 } });
  type Input<K extends keyof CutoverActivities> = Parameters<CutoverActivities[K]>[0];
  return {
    setDnsWeights: (input: Input<'setDnsWeights'>, leftMs: number) => once({ ...writes, ...dns }, 60_000, leftMs).setDnsWeights(input),
    // Heartbeats tell a lost worker (tried again at once) from a change slow to sync; they must stop
    // counting well before the try's own time is up, or a lost worker would read as a slow provider.
    waitForDnsSync: (input: Input<'waitForDnsSync'>, leftMs: number) =>
      once({ ...dns, heartbeatTimeout: Math.min(15_000, Math.max(5_000, leftMs / 3)) }, runbook.dns.syncTimeout, leftMs).waitForDnsSync(input),
    readDnsWeights: (input: Input<'readDnsWeights'>, leftMs: number) => once({ ...reads, ...dns }, 30_000, leftMs).readDnsWeights(input),
    readReplicationLag: (input: Input<'readReplicationLag'>, leftMs: number) => once(reads, 30_000, leftMs).readReplicationLag(input),
    readQueueDepths: (input: Input<'readQueueDepths'>, leftMs: number) => once(reads, 30_000, leftMs).readQueueDepths(input),
    startReverseReplication: (input: Input<'startReverseReplication'>, leftMs: number) => once(writes, 60_000, leftMs).startReverseReplication(input),
    readReverseReplication: (input: Input<'readReverseReplication'>, leftMs: number) => once(reads, 30_000, leftMs).readReverseReplication(input),
    // Completion retries the TTL restore on the unwind's schedule; it is not a rollback, so not in its lane.
    setDnsTtl: (input: Input<'setDnsTtl'>) => once({ ...writes, ...dns }, 60_000, 60_000).setDnsTtl(input),
  };
}

export function hookActivity(hook: Hook) {
  return proxyActivities<CutoverActivities>({
    startToCloseTimeout: hook.timeout,
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumAttempts: 3 },
  }).runHook;
}

export type Activities = ReturnType<typeof activitiesFor>;
