/**
 * `cutover leases` and `cutover release` through the real binary: a terminated cutover keeps its
 * record's lease; the listing names the holder; a signed release frees the record for the next start.
 */
import { connectHarness, type Harness } from '../support/harness';
import { cliEnv, cliSigners, cutover, describeResult, gatedRunbookYaml, startCliWorker, uniqueId, writeRunbook, type CliWorker } from '../client/cli/support';
import { Cutovers } from '../../client/cutovers';
import { buildConsole } from '../../client/console/server';
import { listLeases, type ListedLease } from '../../client/leases';
import { recordResource } from './support';

describe('listing and releasing leases from the command line', () => {
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

  it('lists the holder of a terminated cutover and releases its record with a signed release', async () => {
    const file = writeRunbook(`${gatedRunbookYaml('orders-held').replace('gates:\n', 'gates:\n  - name: go\n    approvers: [alice]\n')}startGate: go\n`);
    const resource = recordResource(worker.taskQueue);
    const id = uniqueId('held');
    const start = (cutoverId: string) => cutover(['start', file, '--id', cutoverId, '--as', 'olivia', '--task-queue', worker.taskQueue, ...cliSigners().sign('olivia')]);
    const started = await start(id);
    expect({ code: started.code, shown: describeResult(started) }).toEqual({ code: 0, shown: expect.stringContaining(`started cutover ${id}`) });
    await harness.client.workflow.getHandle(id).terminate('stuck, terminated by hand');

    const listed = await cutover(['leases']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${resource.replace(/[.]/g, '\\.')}\\s+${id}\\s+olivia\\s+\\d{4}-`));
    const json = JSON.parse((await cutover(['leases', '--json'])).stdout) as ListedLease[];
    expect(json.find((lease) => lease.resource === resource)?.holder).toMatchObject({ cutover: id, startedBy: 'olivia' });

    // The console answers the same listing.
    const address = process.env.TEMPORAL_ADDRESS!;
    const cutovers = await Cutovers.connect({ address, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default', options: { address } });
    const console = buildConsole({ source: cutovers, leases: () => listLeases(cutovers, 1_000) });
    try {
      const url = await console.listen({ port: 0, host: '127.0.0.1' });
      const answer = await fetch(`${url}/api/leases`);
      expect(((await answer.json()) as ListedLease[]).find((lease) => lease.resource === resource)?.holder).toMatchObject({ cutover: id });
    } finally {
      await console.close();
      await cutovers.close();
    }

    const refused = await start(uniqueId('next'));
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('whose workflow was terminated');

    const usage = await cutover(['release', `lease/${resource}`, '--reason', 'checked', '--as', 'olivia', ...cliSigners().sign('olivia')]);
    expect({ code: usage.code, stderr: usage.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('without it') });
    const unsigned = await cutover(['release', resource, '--reason', 'checked', '--as', 'olivia'], { env: cliEnv() });
    expect({ code: unsigned.code, stderr: unsigned.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('a release is always signed') });

    const released = await cutover(['release', resource, '--reason', 'reads 100% blue', '--as', 'olivia', ...cliSigners().sign('olivia')]);
    expect({ code: released.code, shown: describeResult(released) }).toEqual({ code: 0, shown: expect.stringContaining(`released ${resource}, taken from cutover ${id}, started by olivia`) });
    expect(released.stdout).toContain('signed with ssh-ed25519 SHA256:');

    const next = uniqueId('next');
    const again = await start(next);
    expect({ code: again.code, shown: describeResult(again) }).toEqual({ code: 0, shown: expect.stringContaining(`started cutover ${next}`) });
    await harness.client.workflow.getHandle(next).terminate('test over');
  });
});
