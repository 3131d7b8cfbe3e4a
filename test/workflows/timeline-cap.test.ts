/**
 * A long cutover caps its timeline, keeping its first and newest entries. The progress log that
 * `cutover watch` appends to a pipe follows the entries' sequence numbers, so it keeps printing past
 * the cap and prints each entry once; the numbers go on across carried-over runs.
 */
import { Writable } from 'node:stream';
import { Cutovers } from '../../client/cutovers';
import { plain } from '../../client/render';
import { watchCutover } from '../../client/watch';
import { cutover } from '../../workflows';
import type { CutoverInput } from '../../workflows/messages';
import { cutoverSuite, uniqueId } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';

/** A pipe, as `cutover watch | tee log` gives it: no terminal, every line kept. */
class Pipe extends Writable {
  text = '';
  readonly isTTY = false;
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const PHASES = 'preflight|gate|freeze|replication|drain|canary|acceptance|signoff|complete|rollback|abort';
const TIMELINE_LINE = new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (${PHASES}) +\\S`);

describe('the timeline of a long cutover', () => {
  const suite = cutoverSuite();
  let cutovers: Cutovers;
  beforeAll(async () => {
    const address = process.env.TEMPORAL_ADDRESS!;
    cutovers = await Cutovers.connect({ address, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default', options: { address } });
  });
  afterAll(async () => cutovers?.close());

  function startWith(taskQueue: string, extra: Partial<CutoverInput>) {
    return suite.harness.client.workflow.start(cutover, {
      taskQueue,
      workflowId: uniqueId('long-timeline'),
      args: [{ runbook: fastRunbook(), startedBy: 'olivia', ...extra }],
    });
  }

  it('is followed by the piped watch to its end past the cap, every entry printed once or counted as not shown', async () => {
    const { taskQueue } = await suite.startWorker(fastCloud());
    const handle = await startWith(taskQueue, { timelineCap: 10 });
    const pipe = new Pipe();
    const code = await watchCutover(cutovers, handle.workflowId, { intervalMs: 100, colour: plain, stream: pipe as unknown as NodeJS.WriteStream, signal: new AbortController().signal });
    const final = await handle.result();

    expect(code).toBe(0);
    const last = final.timeline.at(-1)!;
    expect(last.seq).toBeGreaterThan(15);
    // The cap keeps the head and the tail.
    expect(final.timeline).toHaveLength(10);
    expect(final.timeline.slice(0, 2).map((entry) => entry.seq)).toEqual([1, 2]);
    expect(final.timeline.slice(2).map((entry) => entry.seq)).toEqual(Array.from({ length: 8 }, (_, index) => last.seq - 7 + index));

    const lines = pipe.text.split('\n');
    const printed = lines.filter((line) => TIMELINE_LINE.test(line));
    const notShown = lines.flatMap((line) => /(\d+) timeline entr(y|ies) not shown/.exec(line)?.[1] ?? []).reduce((sum, count) => sum + Number(count), 0);
    expect(printed.length + notShown).toBe(last.seq);
    // Following array length, the log stopped at the cap; following sequence numbers, it goes on.
    expect(printed.length).toBeGreaterThan(10);
    // A decision's line (the start's too) ends with its proof, after the message.
    for (const entry of final.timeline) expect(printed.filter((line) => line.includes(` ${entry.message}`)).length).toBeGreaterThanOrEqual(1);
    expect(printed.at(-1)).toMatch(/ completed$/);
  });

  it('numbers its entries once each across runs carried over', async () => {
    const { taskQueue } = await suite.startWorker(fastCloud());
    const handle = await startWith(taskQueue, { carryOverAfterEvents: 40 });
    const final = await handle.result();

    expect(final.outcome).toBe('completed');
    expect(final.timeline.some((entry) => entry.message.startsWith('continued as run'))).toBe(true);
    expect(final.timeline.map((entry) => entry.seq)).toEqual(final.timeline.map((_, index) => index + 1));
  });
});
