/**
 * `npm run bench:wave`: one worker process carries a wave of BENCH_WAVE_APPLICATIONS (200)
 * applications on the simulated clouds, in BENCH_WAVE_LEVELS (4) dependency levels (each application
 * after one of the level before), every level at once (maxParallel = the wave). Not a test: it prints
 *  - the wall time against the critical path's configured minimum (the runbooks' minimums along the
 *    longest chain) and against `wave plan`'s minimum (which adds the DNS budget's bound per level);
 *  - the worker's peak RSS (this process: the worker, the client and the simulated clouds);
 *  - workflow task schedule-to-start latency, median and p95, from the worker runtime's histogram
 *    (bucket upper bounds);
 *  - the busiest second of DNS writes (set weights, set TTL) and of all DNS provider calls, against
 *    the worker's DNS budget.
 * The worker runs with its defaults unless the CUTOVER_* variables of `cutover worker` say otherwise.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { MemoryStore, SimulatedCloud } from '../../activities/simulated';
import { wavePlanOf } from '../../client/wave/plan';
import { startWave } from '../../client/wave/start-wave';
import { createCutoverWorker } from '../../worker/create-worker';
import { workerConfig } from '../../worker/config';
import { startTemporal } from '../../worker/temporal-server';
import { formatDuration } from '../../workflows/runbook/duration';
import type { WaveRunInput } from '../../workflows/wave/messages';
import { waveSchema } from '../../workflows/wave/schema';
import { appRecord, appRunbook, waveScenario } from '../wave/support';
import { median, percentile } from './figures';

const APPLICATIONS = Number(process.env.BENCH_WAVE_APPLICATIONS ?? 200);
const LEVELS = Number(process.env.BENCH_WAVE_LEVELS ?? 4);
const METRICS_PORT = Number(process.env.BENCH_WAVE_METRICS_PORT ?? 9471);
const config = workerConfig();

function waveInput(id: string): WaveRunInput {
  const perLevel = Math.ceil(APPLICATIONS / LEVELS);
  const names = Array.from({ length: APPLICATIONS }, (_, i) => `app${String(i).padStart(4, '0')}`);
  const applications = names.map((name, i) => ({ name, runbook: `${name}.yaml`, after: i >= perLevel ? [names[i - perLevel]!] : [] }));
  const wave = waveSchema.parse({ name: 'bench-wave', applications, maxParallel: APPLICATIONS, blastRadius: { stopAfter: 1 } });
  const steps = { canary: { steps: [{ weight: 25, bake: '2s' }, { weight: 100, bake: '2s' }] } };
  return { wave, members: names.map((name) => ({ name, id: `${id}-${name}`, runbook: appRunbook(name, steps) })), startedBy: 'bench' };
}

/** The p-quantile of a Prometheus histogram's observations, as the upper bound of the bucket it falls in. */
async function histogramQuantiles(name: string, ps: number[]): Promise<number[]> {
  const text = await (await fetch(`http://127.0.0.1:${METRICS_PORT}/metrics`)).text();
  const buckets = new Map<number, number>();
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${name}_bucket\\{.*le="([^"]+)".*\\} (\\d+(?:\\.\\d+)?)$`).exec(line);
    if (!match) continue;
    const le = match[1] === '+Inf' ? Infinity : Number(match[1]);
    buckets.set(le, (buckets.get(le) ?? 0) + Number(match[2]));
  }
  const sorted = [...buckets].sort((a, b) => a[0] - b[0]);
  const total = sorted.at(-1)?.[1] ?? 0;
  return ps.map((p) => sorted.find(([, count]) => count >= p * total)?.[0] ?? NaN);
}

function busiestSecond(times: number[]): number {
  const perSecond = new Map<number, number>();
  for (const at of times) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
  return Math.max(0, ...perSecond.values());
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${METRICS_PORT}` } } } });
  const server = await startTemporal((line) => process.stderr.write(`${line}\n`));
  const connection = await NativeConnection.connect({ address: server.address });
  const clientConnection = await Connection.connect({ address: server.address });
  const client = new Client({ connection: clientConnection, namespace: server.namespace });
  const id = `bench-wave-${Date.now()}`;
  const input = waveInput(id);
  const cloud = SimulatedCloud.create({ scenario: waveScenario(input.members.map((member) => member.name)), store: new MemoryStore() });
  const worker = await createCutoverWorker({ connection, namespace: server.namespace, taskQueue: id, providers: cloud.providers(), ...config });
  const running = worker.run();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  try {
    const plan = wavePlanOf(
      { wave: input.wave, members: input.wave.applications.map((application, i) => ({ application, file: application.runbook, runbook: input.members[i]!.runbook })) },
      config.dnsCallsPerSecond,
    );
    const runbookMinimum = plan.levels[0]!.applications[0]!.minimumMs;
    const criticalPathMs = runbookMinimum * plan.levels.length;
    const started = Date.now();
    const handle = await startWave(client, input, { workflowId: id, taskQueue: id });
    const result = await handle.result();
    const wallMs = Date.now() - started;
    clearInterval(sampler);

    const counts = new Map<string, number>();
    for (const app of result.applications) counts.set(app.state, (counts.get(app.state) ?? 0) + 1);
    const [p50, p95] = await histogramQuantiles('temporal_workflow_task_schedule_to_start_latency', [0.5, 0.95]);
    const calls = cloud.calls().filter((call) => call.op.startsWith('dns.') && call.at >= started);
    const writes = calls.filter((call) => call.op === 'dns.setWeights' || call.op === 'dns.setTtl');
    // Every run of the wave: it continues as new when the server suggests it.
    const histories = [];
    for await (const run of client.workflow.list({ query: `WorkflowId = '${id}'` })) histories.push(await client.workflow.getHandle(id, run.runId).fetchHistory());
    const durations = result.applications.filter((app) => app.startedAt && app.endedAt).map((app) => Date.parse(app.endedAt!) - Date.parse(app.startedAt!));
    const greenEverywhere = input.members.every((member) => cloud.weights(appRecord(member.name)).green === 100);

    console.log(`wave of ${APPLICATIONS} applications in ${plan.levels.length} levels on one worker (DNS budget ${config.dnsCallsPerSecond}/s, cache ${config.maxCachedWorkflows}, workflow task slots ${config.workflowTaskSlots}, activity slots ${config.activityTaskSlots})`);
    console.log(`  outcome               ${result.outcome}: ${[...counts].map(([state, n]) => `${n} ${state}`).join(', ')}; all on green: ${greenEverywhere}`);
    for (const app of result.applications.filter((candidate) => !['completed', 'skipped', 'not-started'].includes(candidate.state))) {
      console.log(`  ${app.name.padEnd(20)}  ${app.state}: ${app.reason}`);
    }
    console.log(`  wall time             ${formatDuration(wallMs)}`);
    console.log(`  critical path minimum ${formatDuration(criticalPathMs)} (${plan.levels.length} × ${formatDuration(runbookMinimum)}): ratio ${(wallMs / criticalPathMs).toFixed(2)}`);
    console.log(`  wave plan minimum     ${formatDuration(plan.totalMs)} (with the DNS budget per level): ratio ${(wallMs / plan.totalMs).toFixed(2)}`);
    console.log(`  application time      median ${formatDuration(median(durations))}, p95 ${formatDuration(percentile(durations, 0.95))} (runbook minimum ${formatDuration(runbookMinimum)})`);
    console.log(`  peak RSS              ${Math.round(peakRss / 1024 / 1024)} MiB (worker, client and simulated clouds in one process)`);
    console.log(`  workflow task schedule-to-start  median ≤ ${p50} ms, p95 ≤ ${p95} ms (histogram bucket bounds)`);
    console.log(`  busiest second        ${busiestSecond(writes.map((call) => call.at))} DNS writes, ${busiestSecond(calls.map((call) => call.at))} DNS provider calls (reads and sync polls included); budget ${config.dnsCallsPerSecond} activities/s`);
    const events = histories.reduce((sum, history) => sum + (history.events?.length ?? 0), 0);
    const largest = Math.max(...histories.map((history) => Buffer.byteLength(JSON.stringify(history))));
    const total = histories.reduce((sum, history) => sum + Buffer.byteLength(JSON.stringify(history)), 0);
    console.log(`  wave history          ${histories.length} run${histories.length === 1 ? '' : 's'}, ${events} events, ${Math.round(total / 1024)} KiB as JSON (largest run ${Math.round(largest / 1024)} KiB)`);
  } finally {
    clearInterval(sampler);
    worker.shutdown();
    await running;
    await connection.close();
    await clientConnection.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
