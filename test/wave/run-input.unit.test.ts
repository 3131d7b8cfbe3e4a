import { WAVE_INPUT_BYTES, waveRunProblems } from '../../workflows/wave/run-input';
import type { WaveRunInput } from '../../workflows/wave/messages';
import { waveSchema } from '../../workflows/wave/schema';
import { fastRunbook } from '../support/runbooks';

function input(fields: Record<string, unknown> = {}, names = ['a', 'b']): WaveRunInput {
  const wave = waveSchema.parse({ name: 'w', maxParallel: 2, applications: names.map((name) => ({ name, runbook: `${name}.yaml` })), ...fields });
  return { wave, members: names.map((name) => ({ name, id: `w-1-${name}`, runbook: fastRunbook({ name: `${name}-app` }) })), startedBy: 'olivia' };
}

describe('what a wave workflow refuses to run', () => {
  it('runs a wave whose every application has its runbook', () => {
    expect(waveRunProblems(input())).toEqual([]);
  });

  it('refuses an application without its runbook, as a wave started without the client could be', () => {
    const missing = input();
    missing.members.pop();
    expect(waveRunProblems(missing)).toEqual([{ path: 'applications[1]', message: "b has no runbook in the wave's input; start the wave with cutover wave start" }]);
  });

  it('runs wave-level gates and notifications; takes approvals: unverified only when every runbook is simulated', () => {
    const gated = input({ gates: [{ name: 'go', approvers: ['alice'] }], startGate: 'go', notifications: [{ provider: 'simulated', channel: '#wave' }], approvals: 'unverified' });
    expect(waveRunProblems(gated)).toEqual([]);
    gated.members[1]!.runbook = fastRunbook({ name: 'b-app', notifications: [{ provider: 'webhook', channel: 'pager', url: 'https://hooks.example.com/x' }] });
    expect(waveRunProblems(gated)).toEqual([
      {
        path: 'approvals',
        message:
          '"unverified" is allowed only when every application\'s runbook uses simulated providers only, and b\'s notifications[0].provider is webhook: ' +
          'write approvals: signed (the default) and start the worker with --allowed-signers, so every decision is verified',
      },
    ]);
  });

  it('refuses a wave too large for the workflow history, saying how large it is and what to do', () => {
    const big = input({}, Array.from({ length: 400 }, (_, i) => `app${i}`));
    for (const member of big.members) member.runbook = { ...member.runbook, description: 'x'.repeat(4_000) };
    const [problem] = waveRunProblems(big);
    expect(problem!.path).toBe('applications');
    expect(problem!.message).toMatch(new RegExp(`^the wave and its runbooks come to \\d+ KiB as the wave's input, more than the ${WAVE_INPUT_BYTES / 1024} KiB allowed .*; split the wave in two, or shorten the runbooks$`));
  });
});
