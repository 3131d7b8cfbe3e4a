/**
 * The wave workflow: each application's cutover runs as a child workflow (the same `cutover`
 * workflow, its id the application's cutover id), in dependency order, at most `maxParallel` at once.
 * Between the wave and each cutover stands the application's own small workflow (application.ts), so
 * the wave's history keeps a summary of each end, not each cutover's whole result. Child starts are
 * in history, so a new worker after a crash resumes the wave without starting any application twice.
 *
 * Children are ABANDONed when the wave closes: a cutover mid-rollback must finish its rollback even
 * if the wave is terminated, and a wave never ends on its own while an application runs (it waits
 * for every end). Stopping a running application is always the cutover's own abort, sent on purpose.
 */
import { ParentClosePolicy, allHandlersFinished, condition, continueAsNew, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { WaveActivities } from '../../activities/wave/abort-cutovers';
import { failureMessage } from '../failure';
import { setSignalHandler } from '../message-payload';
import { applicationEndedSchema, applicationEndedSignal, applicationStartedSchema, applicationStartedSignal, applicationWorkflowId, waveApplication, type ApplicationEnd } from './application';
import { installWaveHandlers, recordRefusedSignal } from './handlers';
import { passWaveGate } from './gate';
import { WaveNotifier } from './notify';
import { waveActor, type WaveRunInput, type WaveStatus } from './messages';
import { waveRunProblems } from './run-input';
import { blastRadiusReached, hasEnded, nextSteps, rollbacks, skipReason, waveOutcome } from './schedule';
import { WaveRun } from './wave-run';

const { abortCutovers } = proxyActivities<WaveActivities>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
});

export async function wave(input: WaveRunInput): Promise<WaveStatus> {
  const run = new WaveRun(input);
  if (input.carried) run.restore(input.carried);
  const notifier = new WaveNotifier(run);
  installWaveHandlers(run);
  setSignalHandler(applicationStartedSignal, applicationStartedSchema, ({ name }) => started(run, name), (refusal) => recordRefusedSignal(run, refusal));
  setSignalHandler(applicationEndedSignal, applicationEndedSchema, (ended) => end(run, notifier, ended), (refusal) => recordRefusedSignal(run, refusal));
  if (!input.carried) {
    const problems = waveRunProblems(input);
    if (problems.length > 0) {
      run.refuse(`the wave is not valid, nothing was started: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
      return run.snapshot();
    }
    run.record('start', `wave ${run.name} started by ${input.startedBy}: ${run.applications.length} applications, up to ${input.wave.maxParallel} at once`, {
      by: input.startedBy,
    });
    notifier.send('wave-started', `wave ${run.name} (${workflowInfo().workflowId}) started by ${input.startedBy}: ${run.applications.map((app) => app.name).join(', ')}`);
    if (input.wave.startGate) await startGate(run, notifier, input.wave.startGate);
  }

  const starting = { count: 0 };
  let seen = -1;
  for (;;) {
    await condition(() => run.changes !== seen || run.carryOverDue());
    if (run.carryOverDue()) return carryOver(run, starting, notifier);
    seen = run.changes;
    checkBlastRadius(run, notifier);
    for (const step of nextSteps(run.applications, { maxParallel: input.wave.maxParallel, paused: run.paused !== null, stop: run.stop })) {
      const app = run.application(step.application);
      if (step.kind === 'skip') {
        Object.assign(app, { state: 'skipped', because: step.because, reason: skipReason(step.because) });
        run.record('skip', `${app.name} ${app.reason}`, { application: app.name, data: { because: step.because } });
        notifier.send('application-ended', `${app.name} of wave ${run.name} ${app.reason}`);
      } else if (step.kind === 'not-start') {
        Object.assign(app, { state: 'not-started', reason: `not started: ${step.reason}` });
        run.record('not-started', `${app.name} not started: ${step.reason}`, { application: app.name });
        notifier.send('application-ended', `${app.name} of wave ${run.name} not started: ${step.reason}`);
      } else {
        app.state = 'running';
        app.startedAt = new Date().toISOString();
        starting.count += 1;
        void runApplication(run, app.name, notifier).finally(() => (starting.count -= 1));
      }
    }
    if (run.stop?.running === 'roll-back') await abortRunning(run);
    if (signoffDue(run)) {
      run.signoff = await passWaveGate(run, notifier, input.wave.signoffGate!, 'signoff');
      if (run.signoff === null) run.signoff = { approved: false, by: run.stop?.by ?? 'abort', note: run.stop?.reason ?? null };
    }
    if (run.settle()) {
      notifier.send('wave-ended', `wave ${run.name} ${run.outcome.replace(/-/g, ' ')}: ${run.reason}`);
      await condition(() => notifier.idle);
      return run.snapshot();
    }
  }
}

/** A rejected (or timed out) start gate stops the wave before any application starts. */
async function startGate(run: WaveRun, notifier: WaveNotifier, name: string): Promise<void> {
  const decision = await passWaveGate(run, notifier, name, 'start');
  if (!decision || decision.approved || run.stop) return;
  const reason = decision.by === 'timeout' ? (decision.note ?? `gate "${name}" timed out`) : `gate "${name}" rejected by ${decision.by}: ${decision.note ?? ''}`;
  run.stop = { kind: 'abort', reason, by: decision.by, at: new Date().toISOString(), running: 'finish' };
  run.changed();
}

/** The sign-off gate opens once, after every application ended, if at least one completed. */
function signoffDue(run: WaveRun): boolean {
  const { signoffGate } = run.input.wave;
  if (!signoffGate || run.signoff) return false;
  return waveOutcome(run.applications, run.stop) !== 'running' && run.applications.some((app) => app.state === 'completed');
}

/**
 * Continues as a new run carrying the wave's state. The applications running go on: they tell the
 * wave's id of their end, which reaches the new run. Waits for child starts in flight, so none is
 * left half-made by the run that asked for it.
 */
async function carryOver(run: WaveRun, starting: { count: number }, notifier: WaveNotifier): Promise<never> {
  run.record('note', `carrying over to a new run after ${workflowInfo().historyLength} history events`);
  await condition(() => starting.count === 0 && notifier.idle && allHandlersFinished());
  return continueAsNew<typeof wave>({ ...run.input, carried: run.carry() });
}

/** Starts the application's own workflow, which starts its cutover and tells the wave; never throws. */
async function runApplication(run: WaveRun, name: string, notifier: WaveNotifier): Promise<void> {
  const app = run.application(name);
  const member = run.input.members.find((m) => m.name === name)!;
  const waveId = workflowInfo().workflowId;
  let result: Promise<ApplicationEnd>;
  try {
    const handle = await startChild(waveApplication, {
      workflowId: applicationWorkflowId(app.id),
      args: [{ waveId, name, id: app.id, runbook: member.runbook, startedBy: run.input.startedBy }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      memo: { wave: waveId },
    });
    result = handle.result();
  } catch (err) {
    end(run, notifier, { name, state: 'failed', reason: `could not start cutover ${app.id}: ${failureMessage(err)}`, final: null });
    return;
  }
  // Its signal says the same; this covers an application workflow that was terminated before telling.
  void result.then(
    (ended) => end(run, notifier, ended),
    (err) => end(run, notifier, { name, state: 'failed', reason: `cutover ${app.id} ended without an outcome: ${failureMessage(err)}`, final: null }),
  );
}

function started(run: WaveRun, name: string): void {
  const app = run.application(name);
  if (!app || run.started.includes(name)) return;
  run.started.push(name);
  run.record('application-start', `${name} started as cutover ${app.id}`, { application: name, data: { id: app.id } });
  // The abort loop may be waiting for this start to send its abort.
  run.changed();
}

/** Records how an application ended, once: its signal and its workflow's result both say it. */
function end(run: WaveRun, notifier: WaveNotifier, { name, state, reason, final }: ApplicationEnd): void {
  const app = run.application(name);
  if (!app || hasEnded(app.state)) return;
  Object.assign(app, { state, reason, endedAt: new Date().toISOString(), final });
  const what = `${name} ${state.replace(/-/g, ' ')}${reason ? `: ${reason}` : ''}`;
  run.record('application-end', what, { application: name, data: { id: app.id, state, reason } });
  notifier.send('application-ended', `${what} (wave ${run.name}, cutover ${app.id})`);
  run.changed();
}

function checkBlastRadius(run: WaveRun, notifier: WaveNotifier): void {
  const { stopAfter, running } = run.input.wave.blastRadius;
  if (run.stop || !blastRadiusReached(run.applications, stopAfter)) return;
  const count = rollbacks(run.applications);
  const reason = `blast radius reached: ${count} rollback${count === 1 ? '' : 's'} (stopAfter: ${stopAfter})`;
  run.stop = { kind: 'blast-radius', reason, by: waveActor(run.name), at: new Date().toISOString(), running };
  const then = running === 'roll-back' ? 'the running applications are aborted and roll back' : 'the running applications finish';
  run.record('blast-radius', `${reason}: no new application starts; ${then}`, { data: { rollbacks: count, stopAfter, running } });
  notifier.send('blast-radius', `wave ${run.name}: ${reason}: no new application starts; ${then}`);
}

/** Aborts every started application still running, once each; the cutovers roll back on their own. */
async function abortRunning(run: WaveRun): Promise<void> {
  const targets = run.applications.filter((app) => app.state === 'running' && run.started.includes(app.name) && !run.abortSent.includes(app.name));
  if (targets.length === 0) return;
  for (const app of targets) run.abortSent.push(app.name);
  const stop = run.stop!;
  const by = waveActor(run.name);
  const results = await abortCutovers({ ids: targets.map((app) => app.id), by, reason: stop.reason });
  for (const result of results) {
    const app = run.applications.find((candidate) => candidate.id === result.id)!;
    const what = result.accepted ? `abort sent to ${app.name} (${app.id}): ${result.message}` : `${app.name} (${app.id}) took no abort: ${result.message}`;
    run.record('abort-sent', what, { application: app.name, by, data: { ...result } });
  }
}
