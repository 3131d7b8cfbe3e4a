import { visibleWidth } from '../../client/render/fit';
import { waveStatusLines } from '../../client/render/wave-status';
import { waveExitCode } from '../../client/wave/outcome';
import type { ApplicationView, WaveSnapshot } from '../../client/wave/waves';
import type { WaveStatus } from '../../workflows/wave/messages';

const app = (name: string, fields: Partial<ApplicationView> = {}): ApplicationView => ({
  name,
  id: `w-1-${name}`,
  after: [],
  state: 'waiting',
  reason: null,
  because: null,
  startedAt: null,
  endedAt: null,
  final: null,
  phase: null,
  weights: null,
  openGate: null,
  note: null,
  ...fields,
});

function snapshot(applications: ApplicationView[], fields: Partial<WaveStatus> = {}): WaveSnapshot {
  const status: WaveStatus = {
    wave: 'orders-wave',
    description: null,
    startedBy: 'olivia',
    startedAt: '2026-11-30T01:00:00.000Z',
    endedAt: null,
    outcome: 'running',
    reason: null,
    maxParallel: 2,
    blastRadius: { stopAfter: 1, running: 'finish' },
    paused: null,
    stop: null,
    openGate: null,
    approvals: 'signed',
    applications,
    timeline: [],
    ...fields,
  };
  return { id: 'w-1', execution: { status: 'RUNNING', taskQueue: 'cutover', startTime: new Date(), closeTime: null, firstRunId: 'r-1' }, status, applications };
}

describe('the wave status screen', () => {
  const apps = [
    app('orders', { state: 'completed', phase: 'complete', weights: { blue: 0, green: 100 } }),
    app('payments-and-refunds', { state: 'running', phase: 'canary', weights: { blue: 80, green: 20 }, openGate: { name: 'half-way', approvers: ['alice', 'bob'] }, after: ['orders'] }),
    app('inventory', { state: 'rolled-back', phase: 'rollback', weights: { blue: 100, green: 0 }, reason: 'rolled back: error-rate 0.4 above 0.03 for 1s' }),
    app('shipping', { state: 'skipped', reason: 'skipped because inventory rolled back', because: { application: 'inventory', outcome: 'rolled-back' }, after: ['inventory'] }),
    app('search', { after: ['orders'] }),
  ];

  it('gives each application one line within 80 columns: state, phase, green\'s share, the open gate and who may approve it, or how it ended', () => {
    const lines = waveStatusLines(snapshot(apps), { width: 80 });

    expect(lines.slice(0, 3)).toEqual(['wave orders-wave w-1  running', '5 applications: 1 completed, 1 running, 1 rolled-back, 1 skipped, 1 waiting', 'up to 2 at once, stop after 1 rollback']);
    expect(lines).toContain('  orders       completed    complete     ██████ 100%');
    expect(lines).toContain('  payments-an… running      canary       █░░░░░  20% gate half-way: alice, bob');
    expect(lines).toContain('  shipping     skipped      because inventory rolled back');
    expect(lines).toContain('  search       waiting      after orders');
    expect(lines.slice(-2)).toEqual(["decide at a gate (each goes to that application's cutover):", '  cutover approve w-1-payments-and-refunds --gate half-way']);
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(80);
  });

  it('says why no new application starts once the wave has stopped, and that a pause leaves the running ones going', () => {
    const stop = { kind: 'blast-radius' as const, reason: 'blast radius reached: 1 rollback (stopAfter: 1)', by: 'wave@orders-wave', at: '', running: 'finish' as const };
    expect(waveStatusLines(snapshot(apps, { stop }), { width: 80 })).toContain('no new application starts: blast radius reached: 1 rollback (stopAfter: 1)');
    const paused = { by: 'olivia', reason: 'checking', since: '' };
    expect(waveStatusLines(snapshot(apps, { paused }), { width: 80 })).toContain('paused by olivia: checking; running applications go on');
  });

  it("shows the wave's open gate, who may approve it, and the command that decides it", () => {
    const openGate = { name: 'go', role: 'start' as const, approvers: ['alice', 'bob'], twoPersonRule: false, openedAt: '', deadline: null, required: 2, approvals: [], context: { applications: {} } };
    const lines = waveStatusLines(snapshot(apps, { openGate }), { width: 80 });
    expect(lines).toContain('wave gate go (start) waits for alice, bob (0 of 2)');
    expect(lines).toContain('  cutover wave approve w-1 --gate go');
  });

  it('exits 0 only when every application completed; 10 when some did not, 11 when aborted, 12 when a rollback failed', () => {
    const ended = (outcome: WaveStatus['outcome'], states: ApplicationView['state'][]) => snapshot(states.map((state, i) => app(`a${i}`, { state })), { outcome }).status;
    expect(waveExitCode(ended('completed', ['completed', 'completed']))).toBe(0);
    expect(waveExitCode(ended('stopped', ['rolled-back', 'not-started']))).toBe(10);
    expect(waveExitCode(ended('partly-completed', ['completed', 'skipped']))).toBe(10);
    expect(waveExitCode(ended('aborted', ['rolled-back', 'not-started']))).toBe(11);
    expect(waveExitCode(ended('stopped', ['rollback-failed', 'completed']))).toBe(12);
    expect(waveExitCode(null)).toBe(13);
  });
});
