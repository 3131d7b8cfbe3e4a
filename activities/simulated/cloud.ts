/**
 * One simulated cloud holding both sides of a cutover. Its providers go under the name "simulated";
 * its controls let a test shape the scenario while a cutover runs, and its log lets a test (or the
 * benchmark) check what the engine did and when. Every method reads and writes the store, so clouds
 * opened on one FileStore in different processes are the same cloud.
 */
import type { Providers, Weights } from '../providers';
import { type Clock, CloudCore } from './core';
import { checkWeights, DEFAULT_SYNC_DELAY_MS, dnsRecord, recordOf, simulatedDns } from './dns';
import { dataOf, missing, writeLoad } from './data';
import { injectMetricFault, setFailure } from './faults';
import { simulatedHooks, simulatedNotifier } from './hooks';
import { simulatedMetrics } from './metrics';
import { queueState, simulatedQueues } from './queues';
import { replicationTask, simulatedReplication, taskOf } from './replication';
import { checkMetricValue, defaultScenario, type Scenario, stateFor } from './scenario';
import type { CallRecord, FailureTarget, HookRun, LagSpec, MetricFaultSpec, NotificationRecord, Operation, QueueSpec } from './state';
import { MemoryStore, type Store } from './store';

export interface CloudOptions {
  /** Default: a fresh MemoryStore. */
  store?: Store;
  /** Default: Date.now. Tests may pass a fake clock; all times are epoch ms. */
  clock?: Clock;
}

export class SimulatedCloud {
  private readonly core: CloudCore;

  private constructor(store: Store, clock: Clock) {
    this.core = new CloudCore(store, clock);
  }

  /** A new cloud in the scenario (default: the demo's), replacing whatever the store held. */
  static create(options: CloudOptions & { scenario?: Scenario } = {}): SimulatedCloud {
    const cloud = new SimulatedCloud(options.store ?? new MemoryStore(), options.clock ?? Date.now);
    cloud.core.store.reset(stateFor(options.scenario ?? defaultScenario(), cloud.core.now()));
    return cloud;
  }

  /** The cloud already in the store, as it is now: what a restarted worker uses. */
  static attach(options: CloudOptions & { store: Store }): SimulatedCloud {
    const cloud = new SimulatedCloud(options.store, options.clock ?? Date.now);
    cloud.core.read();
    return cloud;
  }

  providers(): Providers {
    const core = this.core;
    return {
      dns: { simulated: simulatedDns(core) },
      replication: { simulated: simulatedReplication(core) },
      queues: { simulated: simulatedQueues(core) },
      metrics: { simulated: simulatedMetrics(core) },
      hooks: { simulated: simulatedHooks(core) },
      notifiers: { simulated: simulatedNotifier(core) },
    };
  }

  // DNS

  /** Adds (or resets) a weighted record: blue 100 / green 0, TTL 60s, sync delay 300ms unless given. */
  addDnsRecord(record: string, spec: { weights?: Weights; ttlMs?: number; syncDelayMs?: number } = {}): void {
    this.core.mutate((state) => void (state.dns[record] = dnsRecord(spec)));
  }

  /** The record's TTL as the provider would report it (e.g. longer than the runbook allows). */
  setDnsTtl(record: string, ttlMs: number): void {
    this.core.mutate((state) => void (recordOf(state, record).ttlMs = ttlMs));
  }

  /** How long changes to the record take to read as in sync from now on. */
  setDnsSyncDelay(record: string, ms: number = DEFAULT_SYNC_DELAY_MS): void {
    this.core.mutate((state) => void (recordOf(state, record).syncDelayMs = ms));
  }

  /** A person (or another tool) sets the record's weights by hand: not a call of this cloud's providers, so not in dnsWrites(). */
  setWeightsByHand(record: string, weights: Weights): void {
    checkWeights(weights);
    this.core.mutate((state) => void (recordOf(state, record).weights = { ...weights }));
  }

  /** Current weights, read without logging a provider call. */
  weights(record: string): Weights {
    return { ...recordOf(this.core.read(), record).weights };
  }

  // Replication

  /** Sets the task's lag from now (creating a running task if needed); null means no data. */
  setLag(task: string, lag: LagSpec | null): void {
    this.core.mutate((state, now) => {
      state.replication[task] = replicationTask(state.replication[task]?.status ?? 'running', lag, now);
    });
  }

  /** 'running' passes check(); anything else ('stopped', 'failed') makes it throw. */
  setReplicationStatus(task: string, status: string): void {
    this.core.mutate((state) => void (taskOf(state, task).status = status));
  }

  // Databases (a cloud created with `data`)

  /** From now on a write is copied this long after it was acknowledged, in that direction. */
  setReplicationDelay(direction: 'forward' | 'reverse', delayMs: number): void {
    if (!Number.isFinite(delayMs) || delayMs < 0) throw new Error(`a replication delay must be ≥ 0 ms, got ${delayMs}`);
    this.core.mutate((state) => void (dataOf(state)[direction].delayMs = delayMs));
  }

  /** A steady write load: one write attempted every `everyMs` from now on, to whichever side is the writer. */
  startWriteLoad(everyMs: number): void {
    this.core.mutate((state, now) => void (dataOf(state).load = writeLoad(everyMs, now)));
  }

  /** Stops the load; its counts stay readable in `ledgers()`. */
  stopWriteLoad(): void {
    this.core.mutate((state, now) => {
      const load = dataOf(state).load;
      if (load) load.nextAt = now + 365 * 24 * 3_600_000;
    });
  }

  /** The databases as they are now: writer, what is frozen, ledger sizes, the load's counts. */
  ledgers(): LedgerSummary {
    return this.core.mutate((state) => {
      const data = dataOf(state);
      return {
        writer: data.writer,
        frozen: { blue: data.blue.frozen, green: data.green.frozen },
        writes: { blue: data.blue.writes.length, green: data.green.writes.length },
        reverse: data.reverse.status,
        load: data.load && { attempted: data.load.attempted, acknowledged: data.load.acknowledged, refused: data.load.refused },
        missingFromBlue: missing(data.green, data.blue).length,
        carriedBack: data.blue.writes.filter((write) => write.origin === 'green').length,
        blueReopened: data.blueReopened,
        switches: data.switches,
      };
    });
  }

  /** Acknowledged writes (on either side) that blue does not hold now. */
  missingFromBlue(): number {
    return this.ledgers().missingFromBlue;
  }

  // Queues

  /** Sets the queue's depth from now (creating it if needed), draining at drainPerSecond. */
  setQueue(name: string, spec: QueueSpec): void {
    this.core.mutate((state, now) => void (state.queues[name] = queueState(spec, now)));
  }

  // Metrics

  /** The value a query returns (creating the query if needed); null means no data. */
  setMetric(query: string, value: number | null): void {
    this.core.mutate((state) => void (state.metrics[query] = checkMetricValue(query, value)));
  }

  /** Overrides a known query from `from` (default now), for `samples` reads or until cleared. */
  injectMetric(query: string, fault: MetricFaultSpec): void {
    this.core.mutate((state, now) => injectMetricFault(state, query, fault, now));
  }

  clearMetricFaults(query?: string): void {
    this.core.mutate((state) => {
      if (query === undefined) state.metricFaults = {};
      else delete state.metricFaults[query];
    });
  }

  // Failures

  /** The next `count` calls of the operation (or of one target, "metrics.query:green.error_rate") throw. */
  failNext(target: FailureTarget, count = 1, message?: string): void {
    this.core.mutate((state) => setFailure(state, target, count, message));
  }

  /** Every call of the operation throws until clearFailures. */
  failAlways(target: FailureTarget, message?: string): void {
    this.core.mutate((state) => setFailure(state, target, null, message));
  }

  clearFailures(target?: FailureTarget): void {
    this.core.mutate((state) => {
      if (target === undefined) state.failures = {};
      else delete state.failures[target];
    });
  }

  // What happened

  /** Every provider call, oldest first, failed ones included. */
  calls(op?: Operation): CallRecord[] {
    return this.core.store.calls().filter((call) => op === undefined || call.op === op);
  }

  /** Successful weight changes, oldest first. */
  dnsWrites(record?: string): { at: number; record: string; weights: Weights }[] {
    return this.calls('dns.setWeights')
      .filter((call) => call.ok && (record === undefined || call.args.record === record))
      .map((call) => ({ at: call.at, record: call.args.record as string, weights: call.args.weights as Weights }));
  }

  /** Successful metric reads with the value returned, oldest first. */
  metricReads(query?: string): { at: number; query: string; value: number | null }[] {
    return this.calls('metrics.query')
      .filter((call) => call.ok && (query === undefined || call.args.query === query))
      .map((call) => ({ at: call.at, query: call.args.query as string, value: call.result as number | null }));
  }

  /** Hook runs as the receiver kept them: one per hook and idempotency key. */
  hookRuns(hook?: string): HookRun[] {
    return this.core.read().hookRuns.filter((run) => hook === undefined || run.hook === hook);
  }

  /** Notifications as the receivers kept them: one per channel and idempotency key. */
  notifications(kind?: string): NotificationRecord[] {
    return this.core.read().notifications.filter((n) => kind === undefined || n.kind === kind);
  }
}

export interface LedgerSummary {
  writer: 'blue' | 'green';
  frozen: { blue: boolean; green: boolean };
  writes: { blue: number; green: number };
  reverse: 'running' | 'stopped' | 'absent';
  load: { attempted: number; acknowledged: number; refused: number } | null;
  missingFromBlue: number;
  /** Writes green acknowledged that blue holds now: what reverse replication carried back. */
  carriedBack: number;
  /** Each time blue was unfrozen, with how many of green's writes it lacked then. */
  blueReopened: { at: number; missing: number }[];
  /** Each time writes moved to a side, with how many of the other side's writes it lacked then. */
  switches: { at: number; to: 'blue' | 'green'; missing: number }[];
}
