/**
 * The runbook's phases up to sign-off, each a small function over the run. Any phase may throw:
 * the cutover catches, records why, and unwinds (rollback or abort) in one place. Completion, after
 * sign-off, never unwinds: see complete.ts.
 */
import { ApplicationFailure, sleep } from '@temporalio/workflow';
import { formatDuration } from './runbook/duration';
import { lagWithinRpo, notReadyForTraffic } from './decisions/readiness';
import { queuesOverLimit, weightsFor } from './decisions/traffic';
import { hookActivity, type Activities } from './activities';
import type { AnalysisLoop } from './analysis';
import { awaitCleanBill, readyToChange } from './clean-bill';
import type { GroundTruth } from './ground-truth';
import { passGate } from './gate';
import { checkSigners } from './signed-decisions';
import { checkStart } from './signed-start';
import { adoptWeights } from './adopt';
import type { Notify } from './notify';
import { failureMessage } from './failure';
import { actionKey } from './keys';
import { patiently } from './retry';
import { nowIso, type CutoverRun } from './run';
import { switchAfterStep, writeSwitchOf } from './runbook/writes';
import { writeSwitch } from './write-switch';

export interface PhaseTools {
  run: CutoverRun;
  activities: Activities;
  analysis: AnalysisLoop;
  notify: Notify;
  groundTruth: GroundTruth;
}

export async function preflight({ run, activities, analysis }: PhaseTools): Promise<void> {
  run.enter('preflight', 'preflight: checking every provider and capturing baselines on blue');
  await checkSigners(run, activities);
  checkStart(run);
  // Unless adopting, preflight refuses DNS that does not read 100% blue (decisions/starting-state.ts).
  const result = await activities.preflight({ cutover: run.cutover, runbook: run.runbook, ...(run.adoptWeights && { adoptWeights: true }) });
  run.baselines = result.baselines;
  run.weights = result.weights;
  run.record('note', `preflight passed: ${result.checked.join('; ')}`, { data: { baselines: result.baselines, weights: result.weights } });
  for (const warning of result.warnings) run.record('note', `warning: ${warning}`);
  if (run.adoptWeights) adoptWeights(run, result.weights, analysis);

  const { dns } = run.runbook;
  if (dns.lowerTtlTo !== undefined && dns.lowerTtlTo < result.ttlMs) {
    run.originalTtlMs = result.ttlMs;
    const { changeId } = await activities.setDnsTtl({ dns, ttlMs: dns.lowerTtlTo });
    await activities.waitForDnsSync({ dns, changeId });
    run.record('dns', `TTL lowered from ${formatDuration(result.ttlMs)} to ${formatDuration(dns.lowerTtlTo)}; waiting out the old TTL`);
    await sleep(result.ttlMs);
  }
}

export async function startGate(tools: PhaseTools): Promise<void> {
  const { run } = tools;
  if (!run.runbook.startGate) return;
  run.enter('gate', `waiting at gate "${run.runbook.startGate}" before any change to traffic`);
  await passGate(run, run.runbook.startGate, tools);
}

export async function freeze({ run }: PhaseTools): Promise<void> {
  const hook = run.runbook.hooks.freeze;
  // A write switch freezes blue only for the switch itself, later.
  if (!hook || writeSwitchOf(run.runbook)) return;
  run.enter('freeze', `freezing writes on blue (${hook.name}) until completion`);
  // Counted as frozen before the call: if it times out after taking effect, the unwind still unfreezes.
  run.frozen = true;
  run.openFreezeWindow('blue', 'frozen-window');
  await hookActivity(hook)({ hook, context: { idempotencyKey: actionKey(run, 'freeze-blue'), cutover: run.cutover, target: 'blue', action: 'freeze' } });
  run.record('hook', `writes frozen on blue by ${hook.name}`);
}

export async function replication({ run, activities }: PhaseTools): Promise<void> {
  const { replication: config, rpo } = run.runbook;
  run.enter('replication', `waiting for replication lag ≤ RPO ${formatDuration(rpo)} (timeout ${formatDuration(config.timeout)})`);
  const deadline = Date.now() + config.timeout;
  const reading = { operation: 'readReplicationLag', doing: 'reading the replication lag', limit: `the ${formatDuration(config.timeout)} replication.timeout`, deadline } as const;
  for (;;) {
    const { lagSeconds } = await patiently(run, reading, (leftMs) => activities.tries.readReplicationLag({ replication: config }, leftMs));
    const withinRpo = lagWithinRpo(lagSeconds, rpo, config.noData);
    run.lag = { seconds: lagSeconds, rpoSeconds: rpo / 1000, at: nowIso(), withinRpoAt: withinRpo ? nowIso() : null };
    if (withinRpo) {
      const lag = lagSeconds === null ? 'no lag data, which replication.noData: pass counts as' : `replication lag ${lagSeconds}s is`;
      run.record('lag', `${lag} within the RPO of ${formatDuration(rpo)}`, { data: { lagSeconds } });
      return;
    }
    if (Date.now() >= deadline) {
      const seen = lagSeconds === null ? 'no lag data' : `lag ${lagSeconds}s`;
      throw ApplicationFailure.nonRetryable(
        `replication lag stayed above the RPO of ${formatDuration(rpo)} for the whole ${formatDuration(config.timeout)} timeout (last: ${seen})`,
        'RpoNotMet',
      );
    }
    await sleep(Math.min(config.pollInterval, Math.max(0, deadline - Date.now())));
  }
}

export async function drain({ run, activities }: PhaseTools): Promise<void> {
  const config = run.runbook.drain;
  if (!config) return;
  run.enter('drain', `draining ${config.queues.map((queue) => queue.name).join(', ')} (timeout ${formatDuration(config.timeout)})`);
  const deadline = Date.now() + config.timeout;
  const reading = { operation: 'readQueueDepths', doing: 'reading the queue depths', limit: `the ${formatDuration(config.timeout)} drain.timeout`, deadline } as const;
  for (;;) {
    const { depths } = await patiently(run, reading, (leftMs) => activities.tries.readQueueDepths({ drain: config }, leftMs));
    const over = queuesOverLimit(depths, config.queues);
    run.queues = { depths, at: nowIso(), drainedAt: over.length === 0 ? nowIso() : null };
    if (over.length === 0) {
      run.record('drain', `queues drained: ${Object.entries(depths).map(([name, depth]) => `${name}=${depth}`).join(', ')}`, { data: { depths } });
      return;
    }
    if (Date.now() >= deadline) {
      throw ApplicationFailure.nonRetryable(
        `queues not drained within ${formatDuration(config.timeout)}: ${over.map((name) => `${name}=${depths[name] ?? 'unknown'}`).join(', ')}`,
        'DrainTimeout',
      );
    }
    await sleep(Math.min(config.pollInterval, Math.max(0, deadline - Date.now())));
  }
}

export async function canary(tools: PhaseTools): Promise<void> {
  const { run, activities, analysis, groundTruth } = tools;
  const { steps } = run.runbook.canary;
  run.enter('canary', `canary: ${steps.map((step) => `${step.weight}%`).join(' → ')}`);
  const notReady = notReadyForTraffic({
    lagSeenWithinRpo: run.lag?.withinRpoAt != null,
    queuesSeenDrained: run.queues?.drainedAt != null,
    drainRequired: run.runbook.drain !== undefined,
  });
  if (notReady) throw ApplicationFailure.nonRetryable(`refusing to send traffic to green: ${notReady}`, 'NotReadyForTraffic');
  const switchConfig = writeSwitchOf(run.runbook);
  const switchAfter = switchConfig ? switchAfterStep(run.runbook, switchConfig) : null;
  const switchWritesHere = async (after: number) => {
    if (switchAfter !== after) return;
    await run.once('write-switch', () => writeSwitch(tools));
    // Back in the canary when the switch came between two of its steps.
    if (after < steps.length) run.phase = 'canary';
  };
  await switchWritesHere(0);

  for (const [index, step] of steps.entries()) {
    const label = `step ${index + 1}/${steps.length}`;
    await run.once(`traffic:${index}`, async () => {
      // Only on a clean bill, and on a record that reads as this run left it: see clean-bill.ts.
      await readyToChange(tools, label);
      run.step = { index: index + 1, total: steps.length, weight: step.weight };
      const weights = weightsFor(step.weight);
      const { dns } = run.runbook;
      // Setting the weights and seeing them in sync share the step's syncTimeout; a failed try inside it is tried again.
      const patience = { limit: `the ${formatDuration(dns.syncTimeout)} dns.syncTimeout of ${label}`, deadline: Date.now() + dns.syncTimeout };
      // Counted as written before the call: a try that fails after taking effect is still undone by the rollback.
      run.dnsWeightsWritten = true;
      run.ground.writing = true;
      run.ground.changes += 1;
      let changeId: string;
      try {
        ({ changeId } = await patiently(run, { ...patience, operation: 'setDnsWeights', doing: `${label}: setting weights blue ${weights.blue}% / green ${weights.green}%` }, (leftMs) =>
          activities.tries.setDnsWeights({ dns, weights }, leftMs),
        ));
        run.weights = weights;
        run.ground = { ...run.ground, written: weights, basis: 'written' };
      } finally {
        run.ground.writing = false;
      }
      groundTruth.start();
      if (weights.green > 0) analysis.start();
      await patiently(run, { ...patience, operation: 'waitForDnsSync', doing: `${label}: waiting for the weights to be in sync` }, (leftMs) =>
        activities.tries.waitForDnsSync({ dns, changeId }, leftMs),
      );
      run.record('dns', `${label}: weights blue ${weights.blue}% / green ${weights.green}% in sync; baking ${formatDuration(step.bake)}`, { data: { weights } });
    });
    await run.once(`bake:${index}`, async () => {
      await run.bake(`bake:${index}`, step.bake);
      run.record('step', `${label} completed`);
    });
    if (step.gate) await run.once(`gate:${index}`, () => passGate(run, step.gate!, tools));
    await switchWritesHere(index + 1);
  }
  // Green takes all the traffic now: acceptance (or sign-off) begins only on a clean bill too.
  await run.once('clean-bill:canary', () => awaitCleanBill(tools, run.runbook.acceptance ? 'acceptance' : 'sign-off'));
}

export async function acceptance(tools: PhaseTools): Promise<void> {
  const { run, analysis } = tools;
  const config = run.runbook.acceptance;
  if (!config) return;
  run.enter('acceptance', `acceptance: ${config.tests.length} test(s), then soak ${formatDuration(config.soak)} with every check passing`);
  analysis.includeAcceptanceChecks();
  analysis.start();
  for (const hook of config.tests) {
    await run.once(`test:${hook.name}`, async () => {
      try {
        await hookActivity(hook)({ hook, context: { idempotencyKey: actionKey(run, `acceptance/${hook.name}`), cutover: run.cutover, target: 'green', action: 'test' } });
      } catch (err) {
        throw ApplicationFailure.nonRetryable(`acceptance test ${hook.name} failed: ${failureMessage(err)}`, 'AcceptanceFailed');
      }
      run.record('hook', `acceptance test ${hook.name} passed`);
    });
  }
  await run.once('soak', async () => {
    await run.bake('soak', config.soak);
    await awaitCleanBill(tools, 'sign-off');
    run.record('step', `soaked ${formatDuration(config.soak)} with every check passing`);
  });
}

export async function signoff(tools: PhaseTools): Promise<void> {
  const { run } = tools;
  if (!run.runbook.signoffGate) return;
  run.enter('signoff', `waiting for sign-off at gate "${run.runbook.signoffGate}"`);
  await passGate(run, run.runbook.signoffGate, tools);
}
