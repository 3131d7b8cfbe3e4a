/**
 * The workflow's own check as it starts, for cutovers started without the client (another tool, a
 * raw API call): the same rules, the starter included, before any provider is touched.
 */
import { cutoverSuite } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';

describe('the cutover workflow checks its runbook as it starts', () => {
  const suite = cutoverSuite();

  it('aborts before touching any provider when the starter is the only approver of a two-person gate', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ gates: [{ name: 'go-live', approvers: ['olivia'], twoPersonRule: true }], startGate: 'go-live' });

    const result = await (await suite.start(runbook, 'olivia')).result();

    expect(result.outcome).toBe('aborted');
    expect(result.reason).toContain('gates[0].approvers: olivia starts this cutover and is the only approver of gate "go-live"');
    expect(cloud.calls()).toEqual([]);
  });

  it('aborts before touching any provider when a runbook with a real provider asks for unverified approvals', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const runbook = fastRunbook({ approvals: 'unverified', notifications: [{ provider: 'slack', channel: '#cutover', webhookUrlFrom: 'SLACK_URL' }] });

    const result = await (await suite.start(runbook, 'olivia')).result();

    expect(result.outcome).toBe('aborted');
    expect(result.reason).toContain('approvals: "unverified" is allowed only on simulated providers, and notifications[0].provider is slack');
    expect(cloud.calls()).toEqual([]);
  });
});
