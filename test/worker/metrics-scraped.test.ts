import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStore, SimulatedCloud } from '../../activities/simulated';
import { killWorkerProcess, startWorkerProcess } from '../support/worker-process';
import { startPrometheus, type PrometheusServer } from '../support/prometheus';
import { connectHarness, startCutover, uniqueId, waitForStatus, type Harness } from '../support/harness';
import { fastRunbook, fastScenarioWith, onRecord } from '../support/runbooks';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The instant vector of `query` by its labels, as Prometheus answers it now. */
async function query(prometheus: PrometheusServer, promql: string): Promise<Array<{ metric: Record<string, string>; value: number }>> {
  const response = await fetch(`${prometheus.endpoint}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const body = (await response.json()) as { data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  return body.data.result.map(({ metric, value }) => ({ metric, value: Number(value[1]) }));
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await read();
  }
  return last;
}

const GATED_RECORD = 'gated.example.com';
const TIMING_OUT_RECORD = 'timing-out.example.com';

describe("the worker's /metrics, scraped by Prometheus", () => {
  let harness: Harness;
  let prometheus: PrometheusServer | undefined;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    harness = await connectHarness();
  });
  afterAll(async () => {
    for (const child of children) await killWorkerProcess(child);
    await prometheus?.stop();
    await harness.close();
  });

  it('counts a rollback by its reason, a gate that timed out by how long it waited, and the cutovers running by phase, the same after the worker restarts', async () => {
    const statePath = path.join(mkdtempSync(path.join(tmpdir(), 'cutover-metrics-')), 'clouds.json');
    // Each cutover on its own record: one cutover owns a record until it ends.
    const cloud = SimulatedCloud.create({ scenario: fastScenarioWith(GATED_RECORD, TIMING_OUT_RECORD), store: new FileStore(statePath) });
    const taskQueue = uniqueId('metrics');
    const port = await freePort();
    children.push(await startWorkerProcess(statePath, taskQueue, ['--metrics-port', String(port)]));
    prometheus = await startPrometheus({ scrapeTargets: [`127.0.0.1:${port}`] });
    const healthz = () => fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.status);
    expect(await until(healthz, (status) => status === 200)).toBe(200);

    const gated = await startCutover(harness, taskQueue, onRecord(fastRunbook({ gates: [{ name: 'go-live', approvers: ['bob'] }], startGate: 'go-live' }), GATED_RECORD));
    const timingOut = await startCutover(harness, taskQueue, onRecord(fastRunbook({ gates: [{ name: 'go-live', approvers: ['bob'], timeout: '1s' }], startGate: 'go-live' }), TIMING_OUT_RECORD));
    const breaching = await startCutover(harness, taskQueue, fastRunbook({ canary: { steps: [{ weight: 50, bake: '60s' }, { weight: 100, bake: '1s' }] } }));
    await waitForStatus(gated, (status) => status.openGate?.name === 'go-live');
    await waitForStatus(breaching, (status) => status.metrics['error-rate']?.verdict === 'pass');
    cloud.injectMetric('green.error_rate', { value: 0.25 });
    expect((await breaching.result()).outcome).toBe('rolled-back');
    expect((await timingOut.result()).outcome).toBe('aborted');

    const rollbacks = await until(() => query(prometheus!, 'cutover_rollbacks_total'), (result) => result.length > 0);
    expect(rollbacks).toEqual([expect.objectContaining({ metric: expect.objectContaining({ reason_kind: 'breach' }), value: 1 })]);
    const atGate = await until(() => query(prometheus!, 'cutover_running'), (result) => result.length === 1);
    expect(atGate).toEqual([expect.objectContaining({ metric: expect.objectContaining({ phase: 'gate' }), value: 1 })]);
    const gateWaits = await until(() => query(prometheus!, 'cutover_gate_wait_seconds_count'), (result) => result.length > 0);
    expect(gateWaits).toEqual([expect.objectContaining({ metric: expect.objectContaining({ end: 'stopped' }), value: 1 })]);
    const waited = await query(prometheus!, 'cutover_gate_wait_seconds_sum');
    expect(waited[0]!.value).toBeGreaterThanOrEqual(1);
    const underAMinute = await query(prometheus!, 'cutover_gate_wait_seconds_bucket{le="60"}');
    expect(underAMinute[0]!.value).toBe(1);
    const samples = await query(prometheus!, 'sum by (provider) (cutover_analysis_samples_total)');
    expect(samples).toEqual([expect.objectContaining({ metric: { provider: 'simulated' } })]);
    expect(samples[0]!.value).toBeGreaterThan(0);
    const slots = await query(prometheus!, 'temporal_worker_task_slots_available');
    expect(slots.map((series) => series.metric.worker_type)).toEqual(expect.arrayContaining(['WorkflowWorker', 'ActivityWorker']));

    // A new worker has run none of them, and still counts the cutover waiting at the gate.
    await killWorkerProcess(children[0]!);
    children.push(await startWorkerProcess(statePath, taskQueue, ['--metrics-port', String(port)]));
    const scraped = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(scraped).toMatch(/^cutover_running\{phase="gate"\} 1$/m);
    expect(scraped).not.toMatch(/^cutover_running\{phase="canary"\}/m);
  });
});
