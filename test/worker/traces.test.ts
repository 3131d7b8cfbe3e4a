/**
 * OpenTelemetry traces from `cutover worker`: with OTEL_EXPORTER_OTLP_ENDPOINT set, the spans of a
 * cutover's workflow and of its activities reach a local OTLP/HTTP receiver (JSON, as the standard
 * exporter sends it), linked into one trace.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStore, SimulatedCloud } from '../../activities/simulated';
import { killWorkerProcess, startWorkerProcess } from '../support/worker-process';
import { connectHarness, startCutover, uniqueId, type Harness } from '../support/harness';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { fastRunbook, fastScenario } from '../support/runbooks';

interface OtlpSpan {
  traceId: string;
  name: string;
}

function spansIn(receiver: RecordingServer): OtlpSpan[] {
  return receiver.received
    .filter((request) => request.url === '/v1/traces')
    .flatMap((request) => (JSON.parse(request.body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> }).resourceSpans)
    .flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
}

describe('traces from the worker', () => {
  let harness: Harness;
  let receiver: RecordingServer;
  let worker: ChildProcess | undefined;
  beforeAll(async () => {
    harness = await connectHarness();
    receiver = await startRecordingServer(() => ({ status: 200, body: '{}' }));
  });
  afterAll(async () => {
    if (worker) await killWorkerProcess(worker);
    await receiver.stop();
    await harness.close();
  });

  it("sends the spans of a cutover's workflow and its activities, in one trace, to the OTLP endpoint", async () => {
    const statePath = path.join(mkdtempSync(path.join(tmpdir(), 'cutover-traces-')), 'clouds.json');
    SimulatedCloud.create({ scenario: fastScenario(), store: new FileStore(statePath) });
    const taskQueue = uniqueId('traces');
    worker = await startWorkerProcess(statePath, taskQueue, [], { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '200' });

    const handle = await startCutover(harness, taskQueue, fastRunbook());
    expect((await handle.result()).outcome).toBe('completed');

    const deadline = Date.now() + 30_000;
    const wanted = (spans: OtlpSpan[]) => spans.some((span) => span.name === 'RunWorkflow:cutover') && spans.some((span) => span.name === 'RunActivity:setDnsWeights');
    while (!wanted(spansIn(receiver)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    const spans = spansIn(receiver);
    const names = new Set(spans.map((span) => span.name));
    expect([...names]).toEqual(expect.arrayContaining(['RunWorkflow:cutover', 'StartActivity:setDnsWeights', 'RunActivity:setDnsWeights', 'RunActivity:measure']));
    const workflowTrace = spans.find((span) => span.name === 'RunWorkflow:cutover')!.traceId;
    // An activity's span continues the trace its workflow put in the activity's headers.
    const activities = spans.filter((span) => span.name.startsWith('RunActivity:'));
    expect(activities.filter((span) => span.traceId !== workflowTrace).map((span) => span.name)).toEqual([]);
  });
});
