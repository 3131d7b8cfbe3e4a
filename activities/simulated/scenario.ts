/**
 * A scenario is the starting shape of the simulated cloud as plain JSON, so a test can hand the same
 * one to a worker in a child process. Rates in it start when the cloud is created.
 */
import type { Weights } from '../providers';
import { dnsRecord } from './dns';
import { injectMetricFault } from './faults';
import { queueState } from './queues';
import { replicationTask } from './replication';
import { dataState } from './data';
import { type CloudState, type DataSpec, emptyState, type LagSpec, type MetricFaultSpec, type QueueSpec } from './state';

export interface Scenario {
  dns?: Record<string, { weights?: Weights; ttlMs?: number; syncDelayMs?: number }>;
  /** Status defaults to 'running'; a lag of null means the task reports no data. */
  replication?: Record<string, { status?: string; lag?: LagSpec | null }>;
  queues?: Record<string, QueueSpec>;
  /** By full query string, e.g. "green.error_rate"; null means the query returns no data. */
  metrics?: Record<string, number | null>;
  metricFaults?: Record<string, MetricFaultSpec>;
  /** Databases on both sides behind the replication task: its lag is then read from their ledgers. */
  data?: DataSpec;
}

export function stateFor(scenario: Scenario, now: number): CloudState {
  const state = emptyState();
  for (const [record, spec] of Object.entries(scenario.dns ?? {})) state.dns[record] = dnsRecord(spec);
  for (const [task, spec] of Object.entries(scenario.replication ?? {})) {
    state.replication[task] = replicationTask(spec.status ?? 'running', spec.lag ?? null, now);
  }
  for (const [name, spec] of Object.entries(scenario.queues ?? {})) state.queues[name] = queueState(spec, now);
  for (const [query, value] of Object.entries(scenario.metrics ?? {})) state.metrics[query] = checkMetricValue(query, value);
  for (const [query, fault] of Object.entries(scenario.metricFaults ?? {})) injectMetricFault(state, query, fault, now);
  if (scenario.data) state.data = dataState(scenario.data, now);
  return state;
}

export function checkMetricValue(query: string, value: number | null): number | null {
  if (value !== null && !Number.isFinite(value)) throw new Error(`metric "${query}" needs a finite number or null, got ${value}`);
  return value;
}

/** The cloud the demo runbook expects: healthy on both sides, lag catching up, queues draining. */
export function defaultScenario(): Scenario {
  return {
    dns: { 'orders.example.com': { ttlMs: 2_000 } },
    replication: { 'orders-cdc': { lag: { startSeconds: 12, fallsPerSecond: 3, floorSeconds: 0.5 } } },
    queues: {
      'orders-events': { depth: 40, drainPerSecond: 20 },
      'payments-events': { depth: 10, drainPerSecond: 10 },
      'orders-events-azure': { depth: 6, drainPerSecond: 2 },
    },
    metrics: {
      'blue.error_rate': 0.01,
      'green.error_rate': 0.01,
      'blue.latency_p95_ms': 180,
      'green.latency_p95_ms': 190,
      'blue.availability': 0.999,
      'green.availability': 0.999,
    },
  };
}

/**
 * The demo's cloud: the default one with a database on each side under a steady write load (a write
 * every 50ms, reaching the other side 500ms forward or 800ms in reverse later), so the replication
 * lag is read from the ledgers and a write switch has something to move.
 */
export function demoScenario(): Scenario {
  return { ...defaultScenario(), data: { forwardDelayMs: 500, reverseDelayMs: 800, writeEveryMs: 50 } };
}

/** Green starts failing a quarter of requests at `at` (epoch ms), until the fault is cleared. */
export function greenFault(
  cloud: { injectMetric(query: string, fault: MetricFaultSpec): void },
  options: { at?: number; errorRate?: number } = {},
): void {
  cloud.injectMetric('green.error_rate', { value: options.errorRate ?? 0.25, from: options.at });
}
