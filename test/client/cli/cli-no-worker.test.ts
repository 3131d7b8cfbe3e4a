/**
 * A running cutover whose worker is gone: `status` and the piped `watch` say plainly that no worker
 * polls its task queue, and show where the run last was (from its memo, which needs no worker); every
 * command exits 6 with the last known phase, `status --json` keeps the outcome `running`, and a
 * decision is never sent: it could not be signed for a gate nobody could read. (The server's own
 * "no poller seen" refusal is classified in test/client/no-worker.unit.test.ts.)
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { statusQuery } from '../../../workflows/messages';
import { CliProcess, cliEnv, cliSigners, cutover, describeResult, gatedRunbookYaml, startCliWorker, uniqueId, writeRunbook, type CliWorker } from './support';

/** Every update and signal the run's history has taken: what a decision that was sent leaves. */
function decisionsIn(history: History): string[] {
  return (history.events ?? []).flatMap((event) => {
    if (event.workflowExecutionUpdateAdmittedEventAttributes || event.workflowExecutionUpdateAcceptedEventAttributes) return [`update ${event.eventId}`];
    if (event.workflowExecutionSignaledEventAttributes) return [`signal ${event.workflowExecutionSignaledEventAttributes.signalName}`];
    return [];
  });
}

/** Until a worker process has completed a workflow task of the run: it has taken whatever was waiting for it. */
async function untilWorkerTookATask(handle: WorkflowHandle, worker: CliWorker): Promise<void> {
  const deadline = Date.now() + 60_000;
  const mine = (history: History) => (history.events ?? []).some((event) => event.workflowTaskCompletedEventAttributes?.identity?.endsWith(`/${worker.process.child.pid}`));
  while (!mine(await handle.fetchHistory())) {
    if (Date.now() > deadline) throw new Error(`worker ${worker.process.child.pid} never completed a workflow task`);
    await sleep(500);
  }
}

describe('a cutover with no worker', () => {
  let worker: CliWorker | undefined;
  let second: CliWorker | undefined;
  let watch: CliProcess | undefined;
  let connection: Connection | undefined;
  afterAll(async () => {
    await watch?.stop();
    await worker?.stop();
    await second?.stop();
    await connection?.close();
  });

  it('is shown at its last known phase and weights, with no worker polling its task queue since when', async () => {
    worker = await startCliWorker();
    const id = uniqueId('orders');
    const started = await cutover(['start', writeRunbook(gatedRunbookYaml()), '--id', id, '--as', 'olivia', '--task-queue', worker.taskQueue, ...cliSigners().sign('olivia')]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 0, output: expect.stringContaining(`started cutover ${id}`) });
    watch = new CliProcess(['watch', id, '--interval', '0.5'], { ...cliEnv(), CUTOVER_DEBUG: '1' });
    await watch.waitFor(`cutover approve ${id} --gate half-way`);

    await worker.stop();
    const [status, json, report] = await Promise.all([cutover(['status', id]), cutover(['status', id, '--json']), cutover(['report', id])]);
    expect({ code: status.code, output: describeResult(status) }).toEqual({ code: 6, output: expect.stringMatching(new RegExp(`no worker is polling task queue ${worker.taskQueue} since \\d\\d:\\d\\d:\\d\\d`)) });
    expect(status.stdout).toMatch(/phase +canary, step 1\/2, waiting at gate "half-way" \(last known, at \d\d:\d\d:\d\d\)/);
    expect(status.stdout).toMatch(/weights +blue +50% .* 50% green/);

    expect(json.code).toBe(6);
    expect(JSON.parse(json.stdout)).toMatchObject({
      execution: { status: 'RUNNING', lastKnown: { phase: 'canary', openGate: 'half-way', weights: { blue: 50, green: 50 } } },
      noWorker: { message: expect.stringContaining(`no worker is polling task queue ${worker.taskQueue}`) },
    });

    expect({ code: report.code, output: describeResult(report) }).toEqual({ code: 6, output: expect.stringContaining(`no worker is polling task queue ${worker.taskQueue}`) });

    await watch.waitFor(`no worker is polling task queue ${worker.taskQueue}`);

    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    await new Client({ connection }).workflow.getHandle(id).terminate('test over');
    const watchCode = await watch.exited;
    if (watchCode !== 13) throw new Error(`watch exited ${watchCode}:\n${watch.output()}`);
  });

  it('with its only worker stopped: status, report and approve exit 6 with the last known phase, --json says running, list says so, and nothing is sent', async () => {
    second = await startCliWorker();
    const id = uniqueId('orders-stopped');
    const started = await cutover(['start', writeRunbook(gatedRunbookYaml()), '--id', id, '--as', 'olivia', '--task-queue', second.taskQueue, ...cliSigners().sign('olivia')]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 0, output: expect.stringContaining(`started cutover ${id}`) });
    connection ??= await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const handle = new Client({ connection }).workflow.getHandle(id);
    const deadline = Date.now() + 60_000;
    while ((await handle.query(statusQuery)).openGate?.name !== 'half-way') {
      if (Date.now() > deadline) throw new Error('the cutover never opened gate half-way');
      await sleep(200);
    }
    await second.stop();
    const before = decisionsIn(await handle.fetchHistory());

    const [status, json, report, approve, list] = await Promise.all([
      cutover(['status', id]),
      cutover(['status', id, '--json']),
      cutover(['report', id]),
      cutover(['approve', id, '--gate', 'half-way', '--as', 'bob', ...cliSigners().sign('bob')]),
      cutover(['list', '--limit', '100', '--json']),
    ]);

    const lastKnown = /last known: canary, step 1\/2, waiting at gate "half-way" \(at \d\d:\d\d:\d\d\)/;
    expect({ code: status.code, output: describeResult(status) }).toEqual({ code: 6, output: expect.stringMatching(/phase +canary, step 1\/2, waiting at gate "half-way" \(last known/) });
    expect(status.stdout).toContain(`no worker is polling task queue ${second.taskQueue}`);
    expect(json.code).toBe(6);
    expect(JSON.parse(json.stdout)).toMatchObject({ outcome: 'running', phase: 'canary', execution: { status: 'RUNNING', lastKnown: { phase: 'canary', openGate: 'half-way' } } });
    expect({ code: report.code, output: describeResult(report) }).toEqual({ code: 6, output: expect.stringMatching(lastKnown) });
    expect({ code: approve.code, output: describeResult(approve) }).toEqual({ code: 6, output: expect.stringMatching(lastKnown) });
    expect(approve.stderr).toContain('the approve was not sent');
    const listed = (JSON.parse(list.stdout) as { id: string; note: string | null; phase: string | null }[]).find((cutover) => cutover.id === id);
    expect(listed).toMatchObject({ phase: 'canary', note: 'no worker answered; last known canary' });

    // A worker back takes whatever was sent meanwhile: the history shows that nothing was.
    const back = await startCliWorker({ replacing: second });
    try {
      await untilWorkerTookATask(handle, back);
      expect(decisionsIn(await handle.fetchHistory())).toEqual(before);
    } finally {
      await back.stop();
    }
    await handle.terminate('test over');
    // Two workers, the server's wait for a poller and a worker back, each slow on a loaded machine.
  }, 360_000);
});
