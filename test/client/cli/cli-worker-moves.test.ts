/**
 * A worker killed (SIGKILL) and replaced: for about 10 s the server still sends the cutover's queries
 * to the killed worker's own queue, and only then to the new one. `status` run again and again in that
 * time never says no worker is polling: it sees the new worker, says the cutover is moving to it, and
 * reads again until it answers.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { statusQuery } from '../../../workflows/messages';
import { cliSigners, cutover, describeResult, gatedRunbookYaml, startCliWorker, uniqueId, writeRunbook, type CliResult, type CliWorker } from './support';

/** The server's window for a killed worker's own (sticky) queue: what the runs of status fall into. */
const STICKY_WINDOW_MS = 10_000;

describe('a cutover whose worker is killed and replaced', () => {
  const workers: CliWorker[] = [];
  let connection: Connection | undefined;
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await connection?.close();
  });

  it('is read through the new worker: status within 10 s of the kill never exits 6, and says the cutover is moving', async () => {
    const first = await startCliWorker();
    workers.push(first);
    const id = uniqueId('orders-moves');
    const started = await cutover(['start', writeRunbook(gatedRunbookYaml()), '--id', id, '--as', 'olivia', '--task-queue', first.taskQueue, ...cliSigners().sign('olivia')]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 0, output: expect.stringContaining(`started cutover ${id}`) });
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const handle = new Client({ connection }).workflow.getHandle(id);
    const deadline = Date.now() + 60_000;
    while ((await handle.query(statusQuery)).openGate?.name !== 'half-way') {
      if (Date.now() > deadline) throw new Error('the cutover never opened gate half-way');
      await sleep(200);
    }

    // The replacement polls the task queue before the kill, so that every run below falls into the window.
    workers.push(await startCliWorker({ replacing: first }));
    await first.process.stop('SIGKILL');
    const killedAt = Date.now();
    const runs: Promise<CliResult>[] = [];
    while (Date.now() - killedAt < STICKY_WINDOW_MS) {
      runs.push(cutover(['status', id], { timeoutMs: 120_000 }));
      await sleep(2_000);
    }
    const results = await Promise.all(runs);

    for (const result of results) {
      expect({ code: result.code, output: describeResult(result) }).toEqual({ code: 0, output: expect.stringMatching(/phase +canary, step 1\/2, waiting at gate "half-way"/) });
    }
    // A run whose query reached the killed worker inside the window waited for the move and said so; on
    // a loaded machine a run may only connect after the window and read at once. None says no worker.
    for (const result of results) expect(result.stderr).not.toMatch(/no worker/i);
    for (const result of results.filter((run) => /moving to worker/.test(run.stderr))) {
      expect(result.stderr).toMatch(new RegExp(`the cutover is moving to worker cutover-worker@\\S+, which polls task queue ${first.taskQueue}; .*waiting for it`));
    }
  });
});
