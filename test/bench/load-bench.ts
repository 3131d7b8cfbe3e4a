/**
 * `npm run bench:load`: rollback reaction and completion when many cutovers share one worker, on the
 * Temporal dev server with the simulated clouds, analysis every 5 s. Not a test: it prints figures.
 *  (a) breach under load: BENCH_LOAD_CUTOVERS (100) cutovers step through their canaries while one
 *      more breaches mid-canary, BENCH_LOAD_BREACHES (3) times; the breaching sample → first
 *      rollback DNS write, median and worst, next to the same figure with no other cutover.
 *  (b) completion: BENCH_LOAD_COMPLETE (300) cutovers started at once, each to the end: completed
 *      count, overhead (wall time − configured bakes) p50/p95, cache evictions, workflow task
 *      timeouts and gaps in the analysis; any cutover not finished after BENCH_LOAD_DEADLINE_S
 *      (900) is counted by phase and ended.
 * The worker runs with its defaults (DNS budget, cache, slots) unless the CUTOVER_* variables of
 * `cutover worker` say otherwise. BENCH_LOAD_PARTS=a or =b runs one part.
 */
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { MemoryStore, SimulatedCloud } from '../../activities/simulated';
import { createCutoverWorker, type CutoverWorker } from '../../worker/create-worker';
import { workerConfig } from '../../worker/config';
import { startTemporal } from '../../worker/temporal-server';
import { cutover } from '../../workflows';
import { statusQuery } from '../../workflows/messages';
import type { Runbook } from '../../workflows/runbook/schema';
import { fastRunbook, fastScenario } from '../support/runbooks';
import { median, percentile, pause, scrapeCounter } from './figures';

const CUTOVERS = Number(process.env.BENCH_LOAD_CUTOVERS ?? 100);
const BREACHES = Number(process.env.BENCH_LOAD_BREACHES ?? 3);
const COMPLETE = Number(process.env.BENCH_LOAD_COMPLETE ?? 300);
const PARTS = (process.env.BENCH_LOAD_PARTS ?? 'a,b').split(',');
const METRICS_PORT = Number(process.env.BENCH_LOAD_METRICS_PORT ?? 9469);
const DEADLINE_MS = Number(process.env.BENCH_LOAD_DEADLINE_S ?? 900) * 1_000;
const INTERVAL = '5s';
const config = workerConfig();

type Handle = WorkflowHandle<typeof cutover>;

interface Stack {
  client: Client;
  cloud: SimulatedCloud;
  worker: CutoverWorker;
  taskQueue: string;
  stop(): Promise<void>;
}

async function stack(client: Client, connection: NativeConnection, namespace: string, records: string[], metrics: string[], name: string): Promise<Stack> {
  const scenario = fastScenario();
  for (const record of records) scenario.dns![record] = { ttlMs: 500, syncDelayMs: 50 };
  for (const query of metrics) scenario.metrics![query] = 0.01;
  const cloud = SimulatedCloud.create({ scenario, store: new MemoryStore() });
  const taskQueue = `bench-load-${name}-${Date.now()}`;
  const worker = await createCutoverWorker({ connection, namespace, taskQueue, providers: cloud.providers(), ...config });
  const running = worker.run();
  return {
    client,
    cloud,
    worker,
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

function runbookFor(name: string, record: string, steps: { weight: number; bake: string }[], query = 'green.error_rate'): Runbook {
  return fastRunbook({
    name,
    dns: { provider: 'simulated', record, blue: `${name}-aws`, green: `${name}-azure`, ttl: '500ms', syncTimeout: '10m' },
    canary: { steps },
    analysis: {
      interval: INTERVAL,
      metrics: [{ name: 'error-rate', provider: 'simulated', query, baselineQuery: 'blue.error_rate', threshold: { above: 'baseline * 3' }, for: '0s', noData: 'inconclusive' }],
    },
  });
}

function start(s: Stack, runbook: Runbook, id: string): Promise<Handle> {
  return s.client.workflow.start(cutover, { taskQueue: s.taskQueue, workflowId: id, args: [{ runbook, startedBy: 'bench' }] });
}

/** One cutover breaches mid-canary: breaching sample → first rollback DNS write, in ms. */
async function breachOnce(s: Stack, index: number): Promise<number> {
  const record = `breach-${index}.example.com`;
  const query = `green.breach_${index}`;
  const handle = await start(s, runbookFor(`breach-${index}`, record, [{ weight: 10, bake: '30m' }, { weight: 100, bake: '1s' }], query), `bench-load-breach-${Date.now()}-${index}`);
  for (;;) {
    const status = await handle.query(statusQuery);
    if (status.weights?.green === 10 && status.metrics['error-rate']?.verdict === 'pass') break;
    if (status.outcome !== 'running') throw new Error(`breaching cutover ${index} ended ${status.outcome} before its fault: ${status.reason}`);
    await pause(200);
  }
  // A random phase against the sampling clock, as a real fault would have.
  await pause(Math.random() * 5_000);
  const faultAt = Date.now();
  s.cloud.injectMetric(query, { value: 0.25, from: faultAt });
  const result = await handle.result();
  if (result.outcome !== 'rolled-back') throw new Error(`breaching cutover ${index} ended ${result.outcome}: ${result.reason}`);
  const write = s.cloud.dnsWrites(record).find((candidate) => candidate.weights.blue === 100)!;
  const sample = s.cloud.metricReads(query).find((read) => read.at >= faultAt && read.value === 0.25)!;
  return write.at - sample.at;
}

async function partA(client: Client, connection: NativeConnection, namespace: string): Promise<void> {
  const breaching = Array.from({ length: BREACHES * 2 }, (_, index) => `breach-${index}.example.com`);
  const queries = Array.from({ length: BREACHES * 2 }, (_, index) => `green.breach_${index}`);
  const others = Array.from({ length: CUTOVERS }, (_, index) => `other-${index}.example.com`);

  const alone = await stack(client, connection, namespace, breaching, queries, 'alone');
  const single: number[] = [];
  try {
    for (let run = 0; run < BREACHES; run++) single.push(await breachOnce(alone, run));
  } finally {
    await alone.stop();
  }

  const shared = await stack(client, connection, namespace, [...breaching, ...others], queries, 'shared');
  const handles: Handle[] = [];
  const loaded: number[] = [];
  try {
    // Ten steps of 5 s each: every cutover writes weights and waits for sync all along, far more
    // DNS calls than the budget lets through, so the DNS lane always has a backlog.
    const steps = Array.from({ length: 10 }, (_, index) => ({ weight: (index + 1) * 10, bake: '5s' }));
    for (const [index, record] of others.entries()) handles.push(await start(shared, runbookFor(`other-${index}`, record, steps), `bench-load-other-${Date.now()}-${index}`));
    for (;;) {
      const statuses = await Promise.all(handles.map((handle) => handle.query(statusQuery)));
      if (statuses.filter((status) => status.phase === 'canary').length >= CUTOVERS * 0.9) break;
      await pause(1_000);
    }
    for (let run = 0; run < BREACHES; run++) loaded.push(await breachOnce(shared, BREACHES + run));
  } finally {
    await Promise.allSettled(handles.map((handle) => handle.terminate('benchmark over')));
    await shared.stop();
  }

  console.log(`\n(a) breaching sample → first rollback DNS write, analysis every ${INTERVAL}, DNS budget ${config.dnsCallsPerSecond}/s, ${BREACHES} breaches each:`);
  console.log(`  alone:                         median ${median(single)}ms, worst ${Math.max(...single)}ms  (${single.join(', ')})`);
  console.log(`  beside ${CUTOVERS} cutovers in canary: median ${median(loaded)}ms, worst ${Math.max(...loaded)}ms  (${loaded.join(', ')})`);
}

async function partB(client: Client, connection: NativeConnection, namespace: string): Promise<void> {
  const records = Array.from({ length: COMPLETE }, (_, index) => `complete-${index}.example.com`);
  const s = await stack(client, connection, namespace, records, [], 'complete');
  const steps = [
    { weight: 50, bake: '20s' },
    { weight: 100, bake: '20s' },
  ];
  const waits = 40_000;
  const evictionsBefore = await scrapeCounter(METRICS_PORT, 'temporal_sticky_cache_total_forced_eviction');
  const started = Date.now();
  const handles: Handle[] = [];
  /** wall: from this cutover's own start, so starting 300 one after another is not counted as overhead. */
  const finished: { outcome: string; wall: number; gaps: number }[] = [];
  let unfinished: { phase: string; paused: boolean }[] = [];
  let startedIn = 0;
  let lastEnded = started;
  try {
    const startedAt = new Map<Handle, number>();
    for (const [index, record] of records.entries()) {
      const at = Date.now();
      const handle = await start(s, runbookFor(`complete-${index}`, record, steps), `bench-load-complete-${started}-${index}`);
      startedAt.set(handle, at);
      handles.push(handle);
    }
    startedIn = Date.now() - started;
    const done = new Set<Handle>();
    const all = Promise.all(
      handles.map(async (handle) => {
        const result = await handle.result();
        done.add(handle);
        lastEnded = Date.now();
        finished.push({ outcome: result.outcome, wall: Date.now() - startedAt.get(handle)!, gaps: result.sampling?.gaps ?? 0 });
      }),
    );
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise((resolve) => (deadline = setTimeout(resolve, DEADLINE_MS)))]);
    clearTimeout(deadline);
    const left = handles.filter((handle) => !done.has(handle));
    unfinished = (await Promise.all(left.map((handle) => handle.query(statusQuery)))).map((status) => ({ phase: status.phase, paused: status.paused !== null }));
    await Promise.allSettled(left.map((handle) => handle.terminate('benchmark deadline')));
  } finally {
    await s.stop();
  }
  const evictions = (await scrapeCounter(METRICS_PORT, 'temporal_sticky_cache_total_forced_eviction')) - evictionsBefore;
  let timeouts = 0;
  for (const handle of handles) {
    const { events } = await handle.fetchHistory();
    timeouts += (events ?? []).filter((event) => event.workflowTaskTimedOutEventAttributes).length;
  }
  const overheads = finished.map(({ wall }) => wall - waits);
  const completed = finished.filter(({ outcome }) => outcome === 'completed').length;
  const dnsCalls = COMPLETE * steps.length * 2;
  console.log(`\n(b) ${COMPLETE} cutovers started together (2 steps of 20 s, analysis every ${INTERVAL}), worker cache ${config.maxCachedWorkflows}, ${config.workflowTaskSlots} workflow task slots:`);
  console.log(`  completed ${completed}/${COMPLETE}; all ${COMPLETE} started in ${startedIn}ms, the last finished ${lastEnded - started}ms after the first started`);
  if (unfinished.length > 0) {
    console.log(`  not finished after ${DEADLINE_MS / 1_000}s: ${unfinished.length} (${unfinished.filter(({ paused }) => paused).length} paused), by phase ${JSON.stringify(countBy(unfinished.map(({ phase }) => phase)))}`);
  }
  console.log(`  analysis gaps recorded: ${finished.reduce((sum, { gaps }) => sum + gaps, 0)}`);
  console.log(`  overhead (wall − 40 s of bakes): p50 ${percentile(overheads, 0.5)}ms, p95 ${percentile(overheads, 0.95)}ms`);
  console.log(`  DNS floor: ${dnsCalls} DNS calls at ${config.dnsCallsPerSecond}/s take ${Math.round(dnsCalls / config.dnsCallsPerSecond)}s in all`);
  console.log(`  cache evictions ${evictions}, workflow tasks timed out ${timeouts}`);
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${METRICS_PORT}` } } } });
  const server = await startTemporal((line) => process.stderr.write(`${line}\n`));
  const connection = await NativeConnection.connect({ address: server.address });
  const clientConnection = await Connection.connect({ address: server.address });
  const client = new Client({ connection: clientConnection, namespace: server.namespace });
  try {
    if (PARTS.includes('a')) await partA(client, connection, server.namespace);
    if (PARTS.includes('b')) await partB(client, connection, server.namespace);
  } finally {
    await connection.close();
    await clientConnection.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
