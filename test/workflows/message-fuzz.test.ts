/**
 * No message can hurt a running cutover: thousands of random payloads (fast-check) sent to every
 * Signal, Update and Query of a cutover in canary with green taking traffic, and of a wave and its
 * application's workflow, leave no failed workflow task in any history; a breach injected afterwards
 * still rolls back within one analysis interval plus a small overhead.
 */
import { SimulatedCloud } from '../../activities/simulated';
import { approveRequestSchema, controlRequestSchema, rejectRequestSchema } from '../../workflows/messages';
import { parsePayload } from '../../workflows/message-payload';
import { requestTextProblem } from '../../workflows/decisions/request';
import { applicationWorkflowId } from '../../workflows/wave/application';
import { cutoverSuite, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook, RECORD } from '../support/runbooks';
import { appRecord, appRunbook, greenErrorRate, startWave, states, waitForWave, waveRunInput, waveScenario } from '../wave/support';
import type { RefusedAttempt } from '../../workflows/signing/proof';
import { hostilePayloads } from './support/hostile-payloads';
import { refusedEntries } from './support/signed';
import { failedWorkflowTasks, fuzz, noFailedTasks, type Message } from './support/message-fuzz';

const CUTOVER_MESSAGES: Message[] = [
  { kind: 'signal', name: 'approve-signal' },
  { kind: 'signal', name: 'reject-signal' },
  { kind: 'update', name: 'approve' },
  { kind: 'update', name: 'reject' },
  { kind: 'update', name: 'pause' },
  { kind: 'update', name: 'resume' },
  { kind: 'update', name: 'abort' },
  { kind: 'query', name: 'status' },
];
const WAVE_MESSAGES: Message[] = [
  { kind: 'signal', name: 'application-started' },
  { kind: 'signal', name: 'application-ended' },
  { kind: 'update', name: 'approve-wave' },
  { kind: 'update', name: 'reject-wave' },
  { kind: 'update', name: 'pause-wave' },
  { kind: 'update', name: 'resume-wave' },
  { kind: 'update', name: 'abort-wave' },
  { kind: 'query', name: 'wave-status' },
];
const SEED = 20261207;
/** The cutover's fuzz takes about 100 s on 2 loaded cores; room for a machine twice as slow. */
const FUZZ_TIMEOUT_MS = 600_000;
const halfWayGate = {
  gates: [{ name: 'half-way', approvers: ['bob'] }],
  canary: { steps: [{ weight: 50, bake: '1s', gate: 'half-way' }, { weight: 100, bake: '1s' }] },
};

/**
 * A well-formed abort is an abort, and a well-formed end of the wave's own application would end it:
 * the fuzz leaves those out, since the point is what malformed and unauthorised payloads do.
 */
function harmless(message: Message, payload: unknown): boolean {
  if (message.name === 'abort' || message.name === 'abort-wave') {
    const parsed = parsePayload('abort', controlRequestSchema, payload);
    return !(parsed.ok && requestTextProblem(parsed.value) === null && parsed.value.reason?.trim());
  }
  const by = (payload as { by?: unknown } | null)?.by;
  if (typeof by === 'string' && by.trim() === 'bob') return false;
  return !(message.name === 'application-ended' && (payload as { name?: unknown } | null)?.name === 'a');
}

describe('random payloads to every message', () => {
  const suite = cutoverSuite();

  it('leave a cutover in canary with no failed workflow task, and a breach afterwards still rolls back within an interval', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook(halfWayGate);
    const handle = await suite.start(runbook);
    await waitForStatus(handle, (status) => status.openGate?.name === 'half-way');
    const client = suite.harness.client;

    // First, within the record's budget of 20 per gate opening: each malformed Signal is recorded as refused by its schema, naming the field.
    const malformed = hostilePayloads(200, SEED - 1).filter((payload) => !parsePayload('approve', approveRequestSchema, payload).ok && !parsePayload('reject', rejectRequestSchema, payload).ok).slice(0, 20);
    await Promise.all(malformed.map((payload, index) => handle.signal(index % 2 === 0 ? 'approve-signal' : 'reject-signal', payload)));
    const recorded = refusedEntries(await waitForStatus(handle, (status) => refusedEntries(status).length === 20)).map((entry) => entry.data as unknown as RefusedAttempt);
    for (const refusal of recorded) {
      expect(refusal).toMatchObject({ via: 'signal', reason: 'bad-request' });
      expect(refusal.message).toMatch(new RegExp(`^${refusal.action}-signal: (the payload|[a-z.]+) must `));
    }

    const started = Date.now();
    const tally = await fuzz(handle, CUTOVER_MESSAGES, hostilePayloads(2_000, SEED), { harmless, check: noFailedTasks(client, [handle.workflowId]) });
    const sendingMs = Date.now() - started;

    expect(await failedWorkflowTasks(client, handle.workflowId)).toEqual([]);
    expect(tally.sent).toBeGreaterThan(1_800);
    expect(tally.answers['no answer'] ?? 0).toBe(0);
    // Every payload was refused for what it is, none by a handler tripping over it.
    expect(tally.answers['handler failed'] ?? 0).toBe(0);
    const during = await waitForStatus(handle, (status) => status.outcome === 'running');
    expect([during.phase, during.openGate?.name, during.weights]).toEqual(['canary', 'half-way', { blue: 50, green: 50 }]);
    // The record keeps the first refusals within its budget and counts the rest.
    expect(during.refused!.recorded).toBeLessThanOrEqual(20);
    expect(during.refused!.recorded + during.refused!.counted).toBeGreaterThan(100);
    expect(refusedEntries(during).filter((entry) => (entry.data as unknown as RefusedAttempt).reason === 'handler-failed')).toEqual([]);

    const faultAt = Date.now();
    cloud.injectMetric('green.error_rate', { value: 0.25, from: faultAt });
    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(cloud.weights(RECORD)).toEqual({ blue: 100, green: 0 });
    expect(await failedWorkflowTasks(client, handle.workflowId)).toEqual([]);
    const rollbackWrite = cloud.dnsWrites(RECORD).find((write) => write.at >= faultAt && write.weights.blue === 100)!;
    const breachingSample = cloud.metricReads('green.error_rate').filter((read) => read.at >= faultAt && read.at <= rollbackWrite.at).at(-1)!;
    const { interval, metrics } = runbook.analysis;
    process.stdout.write(
      `message fuzz: ${tally.sent} payloads to the cutover in ${sendingMs} ms (${JSON.stringify(tally.answers)}); ` +
        `breach -> rollback ${rollbackWrite.at - faultAt} ms (sustain ${metrics[0]!.for} ms, interval ${interval} ms), breaching sample -> rollback ${rollbackWrite.at - breachingSample.at} ms\n`,
    );
    // Generous: a loaded machine slows everything, but never by a whole run of intervals.
    expect(rollbackWrite.at - breachingSample.at).toBeLessThan(interval + 5_000);
    expect(rollbackWrite.at - faultAt).toBeLessThan(metrics[0]!.for + interval + 10_000);
  }, FUZZ_TIMEOUT_MS);

  it('leave a wave and its application\'s workflow with no failed workflow task, and the application still rolls back on a breach', async () => {
    const cloud = SimulatedCloud.create({ scenario: waveScenario(['a']) });
    const worker = await suite.startWorker(cloud);
    const input = waveRunInput({ name: 'fuzzed', maxParallel: 1, applications: [{ name: 'a' }] }, { a: appRunbook('a', halfWayGate) });
    const handle = await startWave(suite.harness, worker.taskQueue, input);
    const client = suite.harness.client;
    await waitForWave(handle, (status) => status.applications[0]!.state === 'running' && status.timeline.some((entry) => entry.kind === 'application-start'));
    const cutover = client.workflow.getHandle(input.members[0]!.id);
    await waitForStatus(cutover, (status) => status.openGate?.name === 'half-way');
    const application = client.workflow.getHandle(applicationWorkflowId(cutover.workflowId));
    const everyId = [handle.workflowId, application.workflowId, cutover.workflowId];

    const toWave = await fuzz(handle, WAVE_MESSAGES, hostilePayloads(400, SEED + 1), { harmless, check: noFailedTasks(client, everyId) });
    // The application's workflow has no handler of its own: every name it might be sent goes unanswered or buffered, never fails it.
    const toApplication = await fuzz(application, [...WAVE_MESSAGES, ...CUTOVER_MESSAGES.filter((message) => message.kind !== 'query')], hostilePayloads(150, SEED + 2), { harmless, check: noFailedTasks(client, everyId) });
    process.stdout.write(`message fuzz: ${toWave.sent} payloads to the wave (${JSON.stringify(toWave.answers)}), ${toApplication.sent} to its application's workflow (${JSON.stringify(toApplication.answers)})\n`);
    expect(toWave.sent + toApplication.sent).toBeGreaterThan(450);
    expect(toWave.answers['no answer'] ?? 0).toBe(0);
    expect(toWave.answers['handler failed'] ?? 0).toBe(0);

    cloud.injectMetric(greenErrorRate('a'), { value: 0.5 });
    const result = await handle.result();

    expect(states(result)).toEqual({ a: 'rolled-back' });
    expect(cloud.weights(appRecord('a'))).toEqual({ blue: 100, green: 0 });
    for (const id of everyId) expect(await failedWorkflowTasks(client, id)).toEqual([]);
  }, FUZZ_TIMEOUT_MS);
});
