/**
 * Two operators start cutovers of two runbooks that share a DNS record at the same instant, each
 * with the real `cutover` binary in a process of its own: exactly one runs and the other is refused
 * before any change, naming the holder. Twenty rounds in a row; after each, the holder is aborted and
 * the record is seen free again before the next round.
 */
import { abortUpdate } from '../../workflows/messages';
import { connectHarness, type Harness } from '../support/harness';
import { cliSigners, cutover, describeResult, gatedRunbookYaml, startCliWorker, uniqueId, writeRunbook, type CliWorker } from '../client/cli/support';
import { eventually, leaseHeld, recordResource } from './support';

const ROUNDS = 20;

describe('two cutover starts on one record at the same instant', () => {
  let harness: Harness;
  let worker: CliWorker;
  beforeAll(async () => {
    harness = await connectHarness();
    worker = await startCliWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    await harness?.close();
  });

  it(`leaves exactly one running and refuses the other naming the holder, ${ROUNDS} times in a row`, async () => {
    // Both wait at their start gate, so the holder is still running when the other asks.
    const files = ['orders-a', 'payments-b'].map((name) => writeRunbook(`${gatedRunbookYaml(name).replace('gates:\n', 'gates:\n  - name: go\n    approvers: [alice]\n')}startGate: go\n`));
    const resource = recordResource(worker.taskQueue);
    const starters = ['olivia', 'dave'];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const ids = files.map((_, index) => uniqueId(`race${round}-${index}`));
      const results = await Promise.all(
        files.map((file, index) => cutover(['start', file, '--id', ids[index]!, '--as', starters[index]!, '--task-queue', worker.taskQueue, ...cliSigners().sign(starters[index]!)])),
      );
      const shown = results.map(describeResult).join('\n');
      const winners = results.flatMap((result, index) => (result.code === 0 ? [index] : []));
      expect({ round, winners: winners.length, shown }).toEqual({ round, winners: 1, shown });
      const winner = winners[0]!;
      const loser = 1 - winner;
      expect({ round, code: results[loser]!.code, shown }).toEqual({ round, code: 4, shown });
      expect(results[loser]!.stderr).toContain(`cutover ${ids[loser]} ended aborted before any change`);
      expect(results[loser]!.stderr).toContain(`is held by cutover ${ids[winner]}, started by ${starters[winner]} at `);
      expect(results[winner]!.stdout).toContain(`started cutover ${ids[winner]}`);

      const holder = harness.client.workflow.getHandle(ids[winner]!);
      await holder.executeUpdate(abortUpdate, { args: [{ by: 'olivia', reason: `round ${round} over` }] });
      await holder.result();
      await eventually(`the record is free after round ${round}`, async () => !(await leaseHeld(harness.client, resource)));
    }
    expect(worker.cloud.dnsWrites()).toEqual([]);
  }, 900_000);
});
