/**
 * The wave workflow: each application's cutover runs as a child workflow (the same `cutover`
 * workflow, its id the application's cutover id), in dependency order, at most `maxParallel` at once.
 * Child starts are in the wave's history, so a new worker after a crash resumes the wave without
 * starting any application twice.
 *
 * Children are ABANDONed when the wave closes: a cutover mid-rollback must finish its rollback even
 * if the wave is terminated, and a wave never ends on its own while a child runs (it waits for
 * every result). Stopping a running application is always the cutover's own abort, sent on purpose.
 */
import { ParentClosePolicy, condition, proxyActivities, startChild, workflowInfo, type ChildWorkflowHandle } from '@temporalio/workflow';
import type { WaveActivities } from '../../activities/wave/abort-cutovers';
import { cutover } from '../cutover';
import { failureMessage } from '../failure';
import type { CutoverStatus } from '../status';
import { installWaveHandlers } from './handlers';
import { waveActor, type ApplicationState, type WaveRunInput, type WaveStatus } from './messages';
import { waveRunProblems } from './run-input';
import { blastRadiusReached, nextSteps, rollbacks, skipReason } from './schedule';
import { WaveRun } from './wave-run';

const { abortCutovers } = proxyActivities<WaveActivities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
});

export async function wave(input: WaveRunInput): Promise<WaveStatus> {
  const run = new WaveRun(input);
  installWaveHandlers(run);
  const problems = waveRunProblems(input);
  if (problems.length > 0) {
    run.refuse(`the wave is not valid, nothing was started: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
    return run.snapshot();
  }
  run.record('start', `wave ${run.name} started by ${input.startedBy}: ${run.applications.length} applications, up to ${input.wave.maxParallel} at once`, {
    by: input.startedBy,
  });

  const started = new Set<string>();
  const abortSent = new Set<string>();
  const children: Promise<void>[] = [];
  let seen = -1;
  for (;;) {
    await condition(() => run.changes !== seen);
    seen = run.changes;
    checkBlastRadius(run);
    for (const step of nextSteps(run.applications, { maxParallel: input.wave.maxParallel, paused: run.paused !== null, stop: run.stop })) {
      const app = run.application(step.application);
      if (step.kind === 'skip') {
        Object.assign(app, { state: 'skipped', because: step.because, reason: skipReason(step.because) });
        run.record('skip', `${app.name} ${app.reason}`, { application: app.name, data: { because: step.because } });
      } else if (step.kind === 'not-start') {
        Object.assign(app, { state: 'not-started', reason: `not started: ${step.reason}` });
        run.record('not-started', `${app.name} not started: ${step.reason}`, { application: app.name });
      } else {
        app.state = 'running';
        app.startedAt = new Date().toISOString();
        children.push(runApplication(run, app.name, () => started.add(app.name)));
      }
    }
    if (run.stop?.running === 'roll-back') await abortRunning(run, started, abortSent);
    if (run.settle()) break;
  }
  await Promise.all(children);
  return run.snapshot();
}

/** Starts the application's cutover and records how it ended; never throws. */
async function runApplication(run: WaveRun, name: string, onStarted: () => void): Promise<void> {
  const app = run.application(name);
  const member = run.input.members.find((m) => m.name === name)!;
  let handle: ChildWorkflowHandle<typeof cutover>;
  try {
    handle = await startChild(cutover, {
      workflowId: app.id,
      args: [{ runbook: member.runbook, startedBy: run.input.startedBy }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      memo: { runbook: member.runbook.name, startedBy: run.input.startedBy, wave: workflowInfo().workflowId },
    });
  } catch (err) {
    end(run, name, 'failed', `could not start cutover ${app.id}: ${failureMessage(err)}`, null);
    return;
  }
  onStarted();
  run.record('application-start', `${name} started as cutover ${app.id}`, { application: name, data: { id: app.id } });
  // The abort loop may be waiting for this start to send its abort.
  run.changed();
  try {
    const result = await handle.result();
    end(run, name, result.outcome === 'running' ? 'failed' : result.outcome, result.reason, result);
  } catch (err) {
    end(run, name, 'failed', `cutover ${app.id} ended without an outcome: ${failureMessage(err)}`, null);
  }
}

function end(run: WaveRun, name: string, state: ApplicationState, reason: string | null, result: CutoverStatus | null): void {
  const app = run.application(name);
  Object.assign(app, {
    state,
    reason,
    endedAt: new Date().toISOString(),
    final: result ? { phase: result.phase, weights: result.weights, outcome: result.outcome } : null,
  });
  run.record('application-end', `${name} ${state.replace(/-/g, ' ')}${reason ? `: ${reason}` : ''}`, { application: name, data: { id: app.id, state, reason } });
  run.changed();
}

function checkBlastRadius(run: WaveRun): void {
  const { stopAfter, running } = run.input.wave.blastRadius;
  if (run.stop || !blastRadiusReached(run.applications, stopAfter)) return;
  const count = rollbacks(run.applications);
  const reason = `blast radius reached: ${count} rollback${count === 1 ? '' : 's'} (stopAfter: ${stopAfter})`;
  run.stop = { kind: 'blast-radius', reason, by: waveActor(run.name), at: new Date().toISOString(), running };
  const then = running === 'roll-back' ? 'the running applications are aborted and roll back' : 'the running applications finish';
  run.record('blast-radius', `${reason}: no new application starts; ${then}`, { data: { rollbacks: count, stopAfter, running } });
}

/** Aborts every started application still running, once each; the cutovers roll back on their own. */
async function abortRunning(run: WaveRun, started: Set<string>, sent: Set<string>): Promise<void> {
  const targets = run.applications.filter((app) => app.state === 'running' && started.has(app.name) && !sent.has(app.name));
  if (targets.length === 0) return;
  for (const app of targets) sent.add(app.name);
  const stop = run.stop!;
  const by = waveActor(run.name);
  const results = await abortCutovers({ ids: targets.map((app) => app.id), by, reason: stop.reason });
  for (const result of results) {
    const app = run.applications.find((candidate) => candidate.id === result.id)!;
    const what = result.accepted ? `abort sent to ${app.name} (${app.id}): ${result.message}` : `${app.name} (${app.id}) took no abort: ${result.message}`;
    run.record('abort-sent', what, { application: app.name, by, data: { ...result } });
  }
}
