/**
 * The cutover's own numbers for the worker's /metrics, emitted through the SDK's workflow metric
 * meter: the SDK drops them while a workflow replays, so a rollback or a gate's wait counts once,
 * on the worker that ran it first, never again on a worker that replays the history after a restart
 * or a cache eviction. They reach Prometheus through the SDK's own exporter (Runtime telemetry).
 */
import { metricMeter } from '@temporalio/workflow';
import type { StopRequest } from './run';

/** Why a rollback started, as a label with few values: a breach, a gate that timed out, a failed phase, or a person's decision. */
export type RollbackReasonKind = 'breach' | 'gate-timeout' | 'failure' | 'decision';

/** `by` is 'analysis' for a breach, 'timeout' for a gate, 'cutover' for a phase that failed, else the person who rejected or aborted. */
export function rollbackReasonKind(stop: Pick<StopRequest, 'by' | 'cause'>): RollbackReasonKind {
  if (stop.cause !== null || stop.by === 'analysis') return 'breach';
  if (stop.by === 'timeout') return 'gate-timeout';
  if (stop.by === 'cutover') return 'failure';
  return 'decision';
}

export const ROLLBACKS_METRIC = 'cutover_rollbacks';
export const GATE_WAIT_METRIC = 'cutover_gate_wait_seconds';

export type GateEnd = 'approved' | 'rejected' | 'stopped';

// Created at each use, not at module load: the module is evaluated before the workflow's context exists.
export function countRollback(stop: Pick<StopRequest, 'by' | 'cause'>): void {
  metricMeter.createCounter(ROLLBACKS_METRIC, undefined, 'rollbacks started, by why they started').add(1, { reason_kind: rollbackReasonKind(stop) });
}

export function recordGateWait(openedAt: string, end: GateEnd): void {
  const gateWaits = metricMeter.createHistogram(GATE_WAIT_METRIC, 'float', 's', 'time a gate stayed open, from opening to its decision or the stop');
  gateWaits.record(Math.max(0, (Date.now() - Date.parse(openedAt)) / 1000), { end });
}
