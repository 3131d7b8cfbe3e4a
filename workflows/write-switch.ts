/**
 * The write switch and its way back. The switch: freeze writes on blue → wait until the forward lag
 * ≤ the switch RPO → switch writes to green (hook) → start the reverse replication green → blue and
 * see it running → unfreeze writes on green. A rollback past it puts the data back before traffic:
 * freeze green → wait until the reverse lag ≤ the rollback RPO → switch writes back to blue; the
 * unwind then moves DNS, drains green's queues and only then lets blue take writes again.
 */
import { ApplicationFailure, isCancellation, sleep } from '@temporalio/workflow';
import type { Color, HookAction } from '../activities/providers';
import { formatDuration } from './runbook/duration';
import { writeSwitchOf, type WriteSwitch } from './runbook/writes';
import type { Hook } from './runbook/schema';
import { notReadyToReopenBlue, notReadyToSwitchWrites } from './decisions/writes';
import { queuesOverLimit } from './decisions/traffic';
import { hookActivity, type Activities } from './activities';
import { actionKey } from './keys';
import type { Persistently } from './persist';
import type { PhaseTools } from './phases';
import { patiently } from './retry';
import { nowIso, type CutoverRun } from './run';

/** The data could not be made whole on blue: the run ends rollback-failed with blue still frozen. */
export class DataNotBack extends Error {}

function callHook(run: CutoverRun, hook: Hook, action: HookAction, target: Color, key: string): Promise<void> {
  return hookActivity(hook)({ hook, context: { idempotencyKey: actionKey(run, key), cutover: run.cutover, target, action } });
}

export async function writeSwitch({ run, activities }: PhaseTools): Promise<void> {
  const config = writeSwitchOf(run.runbook)!;
  const { freeze, unfreeze, switchWrites } = run.runbook.hooks;
  const reverse = config.afterWriteSwitch === 'reverse-replication';
  run.enter(
    'write-switch',
    `write switch: freezing writes on blue, waiting for forward lag ≤ ${formatDuration(config.rpo)}, switching writes to green` +
      `${reverse ? ', starting reverse replication green → blue' : ''}, unfreezing green (timeout ${formatDuration(config.timeout)})`,
  );
  await run.once('switch:freeze-blue', async () => {
    await run.hold();
    // Counted before the call, like every compensation fact: a freeze that took effect is undone.
    run.frozen = true;
    run.openFreezeWindow('blue', 'write-switch');
    await callHook(run, freeze!, 'freeze', 'blue', 'freeze-blue');
    run.record('hook', `writes frozen on blue by ${freeze!.name}`, { data: { action: 'freeze', side: 'blue' } });
  });
  await run.once('switch:forward-lag', async () => {
    const seen = await waitForLag(run, activities, 'forward', config.rpo, Date.now() + config.timeout, `the ${formatDuration(config.timeout)} writes.timeout`);
    if (!seen.within) {
      throw ApplicationFailure.nonRetryable(
        `forward lag stayed above the switch RPO of ${formatDuration(config.rpo)} with blue frozen for the whole ${formatDuration(config.timeout)} writes.timeout (last: ${lagText(seen.lagSeconds)})`,
        'SwitchRpoNotMet',
      );
    }
    run.writes.lagAtSwitch = seen.lagSeconds;
    run.record('lag', `forward lag ${seen.lagSeconds}s with blue frozen, within the switch RPO of ${formatDuration(config.rpo)}`, {
      data: { direction: 'forward', lagSeconds: seen.lagSeconds, blueFrozen: true },
    });
  });
  await run.once('switch:writes', async () => {
    const notReady = notReadyToSwitchWrites({ blueFrozen: run.frozen, lagSecondsSeenFrozen: run.writes.lagAtSwitch, rpoSeconds: config.rpo / 1000 });
    if (notReady) throw ApplicationFailure.nonRetryable(`refusing to switch writes to green: ${notReady}`, 'NotReadyToSwitchWrites');
    // Counted as switched before the call: a switch that took effect and timed out still brings the data back first.
    run.writes.switched = true;
    run.writes.writer = 'green';
    await callHook(run, switchWrites!, 'switch-writes', 'green', 'switch-writes-green');
    run.writes.switchedAt = nowIso();
    run.record('writes', `writes switched to green by ${switchWrites!.name}`, { data: { writer: 'green', lagSeconds: run.writes.lagAtSwitch } });
  });
  if (reverse) {
    await run.once('switch:reverse', async () => {
      const status = await startReverse(run, activities, config);
      run.writes.reverseStartedAt = nowIso();
      run.record('writes', `reverse replication green → blue running (${status})`, { data: { reverse: status } });
    });
  }
  await run.once('switch:unfreeze-green', async () => {
    await callHook(run, unfreeze!, 'unfreeze', 'green', 'unfreeze-green');
    const window = run.closeFreezeWindow();
    const took = window?.durationMs != null ? `; writes were frozen for ${formatDuration(window.durationMs)}` : '';
    run.record('writes', `writes open on green by ${unfreeze!.name}${took}`, { data: { writer: 'green', freezeWindow: window } });
  });
}

/** Starts the reverse replication (idempotent) and waits until it reads as running, inside writes.timeout. */
async function startReverse(run: CutoverRun, activities: Activities, config: WriteSwitch): Promise<string> {
  const { replication } = run.runbook;
  const deadline = Date.now() + config.timeout;
  const limit = `the ${formatDuration(config.timeout)} writes.timeout`;
  await patiently(run, { operation: 'startReverseReplication', doing: 'starting the reverse replication', limit, deadline }, (leftMs) =>
    activities.tries.startReverseReplication({ replication }, leftMs),
  );
  for (;;) {
    const status = await patiently(run, { operation: 'startReverseReplication', doing: 'reading the reverse replication', limit, deadline }, (leftMs) =>
      activities.tries.readReverseReplication({ replication }, leftMs),
    );
    if (status.running) return status.status;
    if (Date.now() >= deadline) {
      throw ApplicationFailure.nonRetryable(`the reverse replication is ${status.status}, not running, after the ${formatDuration(config.timeout)} writes.timeout`, 'ReverseNotRunning');
    }
    await sleep(Math.min(replication.pollInterval, Math.max(0, deadline - Date.now())));
  }
}

type LagSeen = { within: boolean; lagSeconds: number | null };

/** Reads the lag until it is ≤ `targetMs` or the deadline passes; a provider that stays down counts as not within. */
async function waitForLag(run: CutoverRun, activities: Activities, direction: 'forward' | 'reverse', targetMs: number, deadline: number, limit: string): Promise<LagSeen> {
  const { replication } = run.runbook;
  const operation = direction === 'forward' ? 'readReplicationLag' : 'readReverseLag';
  let last: number | null = null;
  for (;;) {
    try {
      const { lagSeconds } = await patiently(run, { operation, doing: `reading the ${direction} lag`, limit, deadline }, (leftMs) =>
        activities.tries.readReplicationLag({ replication, direction }, leftMs),
      );
      last = lagSeconds;
    } catch (err) {
      // The switch gives up and rolls back; a rollback ends with blue frozen rather than guess.
      if (direction === 'forward' || isCancellation(err)) throw err;
      return { within: false, lagSeconds: last };
    }
    const reading = { seconds: last, at: nowIso() };
    if (direction === 'forward') run.writes.forwardLag = reading;
    else run.writes.reverseLag = reading;
    if (direction === 'reverse' && run.writes.reverseWait) {
      run.writes.reverseWait.firstLagSeconds ??= last;
      run.writes.reverseWait.lastLagSeconds = last;
    }
    if (last !== null && last <= targetMs / 1000) return { within: true, lagSeconds: last };
    if (Date.now() >= deadline) return { within: false, lagSeconds: last };
    await sleep(Math.min(replication.pollInterval, Math.max(0, deadline - Date.now())));
  }
}

function lagText(lagSeconds: number | null): string {
  return lagSeconds === null ? 'no lag data' : `${lagSeconds}s`;
}

/**
 * A rollback past the switch, before traffic moves: freeze green, wait for the reverse lag (unless
 * the runbook accepted a traffic-only rollback), switch writes back to blue. Throws DataNotBack when
 * the reverse lag does not reach the rollback RPO in time; blue then stays frozen.
 */
export async function bringWritesBack(run: CutoverRun, activities: Activities, retrying: Persistently): Promise<void> {
  const config = writeSwitchOf(run.runbook)!;
  const { freeze, switchWrites } = run.runbook.hooks;
  run.openFreezeWindow('green', 'rollback');
  await retrying('freeze writes on green', () => callHook(run, freeze!, 'freeze', 'green', 'freeze-green'));
  run.writes.greenFrozen = true;
  run.record('hook', `writes frozen on green by ${freeze!.name}`, { data: { action: 'freeze', side: 'green' } });

  if (config.afterWriteSwitch === 'reverse-replication') {
    const { replication } = run.runbook;
    // The switch may have stopped before it started the reverse replication; starting it is idempotent.
    await retrying('start the reverse replication', () => activities.tries.startReverseReplication({ replication }, 60_000));
    run.writes.reverseWait ??= { startedAt: nowIso(), endedAt: null, firstLagSeconds: null, lastLagSeconds: null, metAt: null };
    const limit = `the ${formatDuration(config.timeout)} writes.timeout`;
    const seen = await waitForLag(run, activities, 'reverse', config.rollbackRpo, Date.parse(run.writes.reverseWait.startedAt) + config.timeout, limit);
    run.writes.reverseWait.endedAt = nowIso();
    if (!seen.within) {
      throw new DataNotBack(
        `reverse lag stayed above the rollback RPO of ${formatDuration(config.rollbackRpo)} with green frozen for ${limit} (last: ${lagText(seen.lagSeconds)})`,
      );
    }
    run.writes.reverseWait.metAt = nowIso();
    run.record('lag', `reverse lag ${seen.lagSeconds}s with green frozen, within the rollback RPO of ${formatDuration(config.rollbackRpo)}: every write green took is on blue`, {
      data: { direction: 'reverse', lagSeconds: seen.lagSeconds, greenFrozen: true },
    });
  } else {
    run.record('writes', "traffic-only rollback: writes green took since the switch are not carried back to blue (writes.afterWriteSwitch)", {
      data: { lostWrites: true },
    });
  }

  await retrying('switch writes back to blue', () => callHook(run, switchWrites!, 'switch-writes', 'blue', 'switch-writes-blue'));
  run.writes.writer = 'blue';
  run.writes.switchedBackAt = nowIso();
  run.record('writes', `writes switched back to blue by ${switchWrites!.name}`, { data: { writer: 'blue' } });
}

/** After DNS is back on blue: green's queues drained, if the runbook lists them; DataNotBack when they never drain. */
export async function drainGreenQueues(run: CutoverRun, activities: Activities): Promise<void> {
  const config = writeSwitchOf(run.runbook)!;
  const drain = config.greenQueues;
  if (!drain) {
    run.writes.greenQueuesDrainedAt = nowIso();
    return;
  }
  const deadline = Date.now() + drain.timeout;
  const limit = `the ${formatDuration(drain.timeout)} writes.greenQueues.timeout`;
  for (;;) {
    let depths: Record<string, number> | null = null;
    try {
      ({ depths } = await patiently(run, { operation: 'readQueueDepths', doing: "reading green's queue depths", limit, deadline }, (leftMs) =>
        activities.tries.readQueueDepths({ drain }, leftMs),
      ));
    } catch (err) {
      if (isCancellation(err)) throw err;
      throw new DataNotBack(`green's queues could not be read within ${limit}`);
    }
    const over = queuesOverLimit(depths, drain.queues);
    if (over.length === 0) {
      run.writes.greenQueuesDrainedAt = nowIso();
      run.record('drain', `green's queues drained: ${Object.entries(depths).map(([name, depth]) => `${name}=${depth}`).join(', ')}`, { data: { depths, side: 'green' } });
      return;
    }
    if (Date.now() >= deadline) throw new DataNotBack(`green's queues not drained within ${limit}: ${over.map((name) => `${name}=${depths![name] ?? 'unknown'}`).join(', ')}`);
    await sleep(Math.min(drain.pollInterval, Math.max(0, deadline - Date.now())));
  }
}

/** Invariant 7, checked where blue is about to take writes again. */
export function reopenBlueProblem(run: CutoverRun): string | null {
  const config = writeSwitchOf(run.runbook);
  const wait = run.writes.reverseWait;
  return notReadyToReopenBlue({
    writer: run.writes.writer,
    switched: run.writes.switched,
    greenFrozen: run.writes.greenFrozen,
    carriesWritesBack: config?.afterWriteSwitch === 'reverse-replication',
    reverseLagSecondsSeenFrozen: wait?.metAt ? wait.lastLagSeconds : null,
    rollbackRpoSeconds: (config?.rollbackRpo ?? 0) / 1000,
    greenQueuesDrained: run.writes.greenQueuesDrainedAt !== null,
  });
}

/** What a person must do when the data could not be made whole on blue. */
export function handOver(run: CutoverRun, why: string): string {
  const task = run.runbook.replication.provider === 'simulated' ? run.runbook.replication.reverseTask ?? run.runbook.replication.task : run.runbook.replication.task;
  const green = run.weights?.green ?? 0;
  return (
    `${why}. Blue stays frozen: letting it take writes now would fork the data. Writes are frozen on both sides and green still has ${green}% of traffic. ` +
    `By hand: check the reverse replication (${task}) until every write green took is on blue, then switch writes to blue, set DNS to 100% blue and unfreeze blue; ` +
    'or unfreeze green to stay on green'
  );
}
