/**
 * A running cutover whose worker is gone: `status` and the piped `watch` say plainly that no worker
 * polls its task queue, and show where the run last was (from its memo, which needs no worker).
 */
import { Client, Connection } from '@temporalio/client';
import { CliProcess, cliEnv, cliSigners, cutover, describeResult, gatedRunbookYaml, startCliWorker, uniqueId, writeRunbook, type CliWorker } from './support';

describe('a cutover with no worker', () => {
  let worker: CliWorker | undefined;
  let watch: CliProcess | undefined;
  let connection: Connection | undefined;
  afterAll(async () => {
    await watch?.stop();
    await worker?.stop();
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
});
