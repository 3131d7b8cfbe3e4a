import type { ApplicationState, WaveStop } from '../../workflows/wave/messages';
import { blastRadiusReached, nextSteps, skipReason, waveOutcome } from '../../workflows/wave/schedule';

const app = (name: string, state: ApplicationState, after: string[] = []) => ({ name, state, after });
const open = { maxParallel: 2, paused: false, stop: null };
const stop: WaveStop = { kind: 'blast-radius', reason: 'blast radius reached: 1 rollback (stopAfter: 1)', by: 'wave@w', at: '', running: 'finish' };

describe('the wave schedule', () => {
  it('starts the applications that wait for nothing, in file order, up to maxParallel', () => {
    const steps = nextSteps([app('a', 'waiting'), app('b', 'waiting'), app('c', 'waiting')], open);
    expect(steps).toEqual([{ kind: 'start', application: 'a' }, { kind: 'start', application: 'b' }]);
  });

  it('counts running applications against maxParallel', () => {
    expect(nextSteps([app('a', 'running'), app('b', 'running'), app('c', 'waiting')], open)).toEqual([]);
  });

  it('starts an application only once everything it waits for has completed', () => {
    const apps = [app('a', 'running'), app('b', 'waiting', ['a']), app('c', 'waiting', ['a'])];
    expect(nextSteps(apps, open)).toEqual([]);
    apps[0]!.state = 'completed';
    expect(nextSteps(apps, open)).toEqual([{ kind: 'start', application: 'b' }, { kind: 'start', application: 'c' }]);
  });

  it('skips the dependents of a rolled-back application, and theirs, naming the one they waited for', () => {
    const apps = [app('a', 'completed'), app('b', 'rolled-back', ['a']), app('c', 'waiting', ['a']), app('d', 'waiting', ['b']), app('e', 'waiting', ['d'])];
    expect(nextSteps(apps, open)).toEqual([
      { kind: 'skip', application: 'd', because: { application: 'b', outcome: 'rolled-back' } },
      { kind: 'skip', application: 'e', because: { application: 'd', outcome: 'skipped' } },
      { kind: 'start', application: 'c' },
    ]);
    expect(skipReason({ application: 'b', outcome: 'rolled-back' })).toBe('skipped because b rolled back');
  });

  it('starts nothing new while paused, and still skips', () => {
    const apps = [app('a', 'aborted'), app('b', 'waiting', ['a']), app('c', 'waiting')];
    expect(nextSteps(apps, { ...open, paused: true })).toEqual([{ kind: 'skip', application: 'b', because: { application: 'a', outcome: 'aborted' } }]);
  });

  it('marks every waiting application not started once the wave has stopped', () => {
    const apps = [app('a', 'rolled-back'), app('b', 'running'), app('c', 'waiting'), app('d', 'waiting', ['b'])];
    expect(nextSteps(apps, { ...open, stop })).toEqual([
      { kind: 'not-start', application: 'c', reason: stop.reason },
      { kind: 'not-start', application: 'd', reason: stop.reason },
    ]);
  });

  it('reaches the blast radius at stopAfter rollbacks, a failed rollback counting too', () => {
    expect(blastRadiusReached([app('a', 'rolled-back'), app('b', 'aborted')], 2)).toBe(false);
    expect(blastRadiusReached([app('a', 'rolled-back'), app('b', 'rollback-failed')], 2)).toBe(true);
  });

  it('tells how the wave ended only once nothing waits or runs', () => {
    expect(waveOutcome([app('a', 'completed'), app('b', 'running')], null)).toBe('running');
    expect(waveOutcome([app('a', 'completed'), app('b', 'completed')], null)).toBe('completed');
    expect(waveOutcome([app('a', 'completed'), app('b', 'skipped')], null)).toBe('partly-completed');
    expect(waveOutcome([app('a', 'rolled-back'), app('b', 'not-started')], stop)).toBe('stopped');
    expect(waveOutcome([app('a', 'rolled-back')], { ...stop, kind: 'abort' })).toBe('aborted');
  });
});
