/**
 * `cutover verify` on a cutover that carried over to new runs before and after its gate passed: the
 * approval is in an earlier run's history only, so verify must read every run, from the first.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPORAL_CLI_PATH } from '../../worker/temporal-server';
import { cutover } from '../../workflows';
import { approveUpdate } from '../../workflows/messages';
import { cutoverSuite, uniqueId, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';
import { keyring, signedFor } from '../workflows/support/signed';
import { cutover as cli, describeResult, tempDir } from './cli/support';

describe('cutover verify across a carry-over', () => {
  const suite = cutoverSuite();
  const ring = keyring();
  afterAll(() => ring.close());

  it('follows the runs from the first and verifies an approval taken before the last carry-over', async () => {
    const { taskQueue } = await suite.startWorker(fastCloud(), { allowedSigners: ring.allowedSigners });
    const runbook = fastRunbook({
      approvals: 'signed',
      gates: [{ name: 'half-way', approvers: ['bob'] }],
      canary: { steps: [{ weight: 20, bake: '1s', gate: 'half-way' }, { weight: 50, bake: '4s' }, { weight: 100, bake: '4s' }] },
    });
    const handle = await suite.harness.client.workflow.start(cutover, {
      taskQueue,
      workflowId: uniqueId('verify-carry-over'),
      args: [{ runbook, startedBy: 'olivia', carryOverAfterEvents: 45 }],
    });
    const open = await waitForStatus(handle, (s) => s.openGate?.name === 'half-way');
    await handle.executeUpdate(approveUpdate, { args: [signedFor(ring, handle, open, { by: 'bob', key: ring.keys.bob })] });
    const result = await handle.result();
    expect(result.outcome).toBe('completed');
    // The approval's run is not the last: the cutover carried over again after it.
    const approvedAt = result.timeline.findIndex((entry) => entry.kind === 'approval');
    expect(result.timeline.slice(approvedAt).some((entry) => entry.message.startsWith('continued as run'))).toBe(true);
    expect((await suite.harness.client.workflow.getHandle(handle.workflowId).describe()).runId).not.toBe(handle.firstExecutionRunId);

    const verified = await cli(['verify', handle.workflowId, '--allowed-signers', ring.allowedSigners]);
    expect({ code: verified.code, output: describeResult(verified) }).toEqual({ code: 0, output: expect.stringContaining(`(first run ${handle.firstExecutionRunId}): 1 decision`) });
    // Given only the newest run, as `temporal workflow show` exports it by default, verify says runs are missing.
    const newest = path.join(tempDir('cutover-history'), 'newest.json');
    writeFileSync(newest, execFileSync(TEMPORAL_CLI_PATH, ['workflow', 'show', '--address', process.env.TEMPORAL_ADDRESS!, '--workflow-id', handle.workflowId, '--output', 'json']));
    const partial = await cli(['verify', handle.workflowId, '--allowed-signers', ring.allowedSigners, '--history', newest]);
    expect({ code: partial.code, output: describeResult(partial) }).toEqual({ code: 7, output: expect.stringMatching(/NOT VERIFIED {2}the run: the first history given is run \S+, which continues run \S+: give every run, first run first/) });
    expect(verified.stdout).toMatch(new RegExp(`verified +#\\d+ approve gate "half-way" by bob at \\S+ \\(ssh-ed25519 ${ring.keys.bob.fingerprint.replace(/[+/]/g, '\\$&')}\\)`));
  });
});
