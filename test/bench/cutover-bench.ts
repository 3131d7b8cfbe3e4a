/**
 * `npm run bench`: figures from real runs on the Temporal dev server with the simulated clouds.
 *  - rollback reaction: from the breaching sample (the metric read that crossed the threshold) to
 *    the first DNS write that sets blue back to 100%; median and worst of BENCH_RUNS runs (≥ 20).
 *  - orchestration overhead: a cutover's wall time minus the waits its runbook configures (bakes,
 *    soak), per cutover.
 *  - write-freeze window of a write switch under a steady write load (a write every 50ms, copied
 *    300ms later): from the freeze hook on blue to the unfreeze hook on green as the database saw
 *    them; median and worst of BENCH_RUNS runs.
 *  - a rollback after the write switch: from the breaching sample to blue taking writes again (its
 *    unfreeze hook), with the writes blue lacked at that moment; median and worst of BENCH_RUNS runs.
 * Runs one after another so the figures are not skewed by each other.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { MemoryStore, SimulatedCloud } from '../../activities/simulated';
import { createCutoverWorker } from '../../worker/create-worker';
import { startTemporal } from '../../worker/temporal-server';
import { cutover } from '../../workflows';
import { statusQuery } from '../../workflows/messages';
import { fastRunbook, fastScenario } from '../support/runbooks';
import { dataScenario, switchRunbook } from '../workflows/support/write-switch';
import { median, pause, percentile } from './figures';

const REACTION_RUNS = Math.max(20, Number(process.env.BENCH_RUNS ?? 20));
const OVERHEAD_RUNS = Math.max(5, Number(process.env.BENCH_OVERHEAD_RUNS ?? 5));
const TASK_QUEUE = 'cutover-bench';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const server = await startTemporal((line) => process.stderr.write(`${line}\n`));
  const store = new MemoryStore();
  let cloud = SimulatedCloud.create({ scenario: fastScenario(), store });
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const worker = await createCutoverWorker({ connection: nativeConnection, namespace: server.namespace, taskQueue: TASK_QUEUE, providers: cloud.providers() });
  const running = worker.run();
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: server.namespace });
  const fresh = () => (cloud = SimulatedCloud.create({ scenario: fastScenario(), store }));
  const freshWithData = () => (cloud = SimulatedCloud.create({ scenario: dataScenario(), store }));

  try {
    const interval = 1_000;
    const reactions: number[] = [];
    const faultToRollback: number[] = [];
    for (let run = 1; run <= REACTION_RUNS; run++) {
      fresh();
      const runbook = fastRunbook({
        name: 'bench-reaction',
        canary: { steps: [{ weight: 10, bake: '60s' }, { weight: 100, bake: '1s' }] },
        analysis: {
          interval: `${interval}ms`,
          metrics: [{ name: 'error-rate', provider: 'simulated', query: 'green.error_rate', baselineQuery: 'blue.error_rate', threshold: { above: 'baseline * 3' }, for: '0s' }],
        },
      });
      const handle = await client.workflow.start(cutover, { taskQueue: TASK_QUEUE, workflowId: `bench-reaction-${Date.now()}-${run}`, args: [{ runbook, startedBy: 'bench' }] });
      while ((await handle.query(statusQuery)).metrics['error-rate']?.verdict !== 'pass') await pause(50);
      // A random phase against the sampling clock, as a real fault would have.
      await pause(Math.random() * interval);
      const faultAt = Date.now();
      cloud.injectMetric('green.error_rate', { value: 0.25, from: faultAt });
      const result = await handle.result();
      if (result.outcome !== 'rolled-back') throw new Error(`run ${run} ended ${result.outcome}: ${result.reason}`);
      const rollbackWrite = cloud.dnsWrites().find((write) => write.weights.blue === 100)!;
      const breachingSample = cloud.metricReads('green.error_rate').find((read) => read.at >= faultAt && read.value === 0.25)!;
      reactions.push(rollbackWrite.at - breachingSample.at);
      faultToRollback.push(rollbackWrite.at - faultAt);
    }

    const overheads: { wall: number; waits: number; events: number; samples: number }[] = [];
    for (let run = 1; run <= OVERHEAD_RUNS; run++) {
      fresh();
      const runbook = fastRunbook({
        name: 'bench-overhead',
        canary: { steps: [{ weight: 20, bake: '1s' }, { weight: 50, bake: '1s' }, { weight: 100, bake: '1s' }] },
        acceptance: { soak: '1s', checks: [{ name: 'availability', provider: 'simulated', query: 'green.availability', threshold: { below: 0.99 } }] },
      });
      const waits = runbook.canary.steps.reduce((sum, step) => sum + step.bake, 0) + runbook.acceptance!.soak;
      const started = Date.now();
      const handle = await client.workflow.start(cutover, { taskQueue: TASK_QUEUE, workflowId: `bench-overhead-${Date.now()}-${run}`, args: [{ runbook, startedBy: 'bench' }] });
      const result = await handle.result();
      const wall = Date.now() - started;
      if (result.outcome !== 'completed') throw new Error(`overhead run ${run} ended ${result.outcome}: ${result.reason}`);
      const { events } = await handle.fetchHistory();
      overheads.push({ wall, waits, events: events?.length ?? 0, samples: cloud.metricReads('green.error_rate').length });
    }

    const freezeWindows: number[] = [];
    for (let run = 1; run <= REACTION_RUNS; run++) {
      freshWithData();
      const runbook = switchRunbook({ at: 'before-canary' }, { name: 'bench-switch', canary: { steps: [{ weight: 100, bake: '500ms' }] } });
      const handle = await client.workflow.start(cutover, { taskQueue: TASK_QUEUE, workflowId: `bench-switch-${Date.now()}-${run}`, args: [{ runbook, startedBy: 'bench' }] });
      const result = await handle.result();
      if (result.outcome !== 'completed') throw new Error(`switch run ${run} ended ${result.outcome}: ${result.reason}`);
      freezeWindows.push(hookAt(cloud, 'unfreeze', 'green') - hookAt(cloud, 'freeze', 'blue'));
    }

    const breachToBlueWrites: number[] = [];
    const lostAtReopen: number[] = [];
    for (let run = 1; run <= REACTION_RUNS; run++) {
      freshWithData();
      const runbook = switchRunbook(
        { at: 'before-canary' },
        {
          name: 'bench-switch-rollback',
          canary: { steps: [{ weight: 10, bake: '60s' }, { weight: 100, bake: '1s' }] },
          analysis: {
            interval: `${interval}ms`,
            metrics: [{ name: 'error-rate', provider: 'simulated', query: 'green.error_rate', baselineQuery: 'blue.error_rate', threshold: { above: 'baseline * 3' }, for: '0s' }],
          },
        },
      );
      const handle = await client.workflow.start(cutover, { taskQueue: TASK_QUEUE, workflowId: `bench-switch-rollback-${Date.now()}-${run}`, args: [{ runbook, startedBy: 'bench' }] });
      while ((await handle.query(statusQuery)).metrics['error-rate']?.verdict !== 'pass') await pause(50);
      await pause(Math.random() * interval);
      const faultAt = Date.now();
      cloud.injectMetric('green.error_rate', { value: 0.25, from: faultAt });
      const result = await handle.result();
      if (result.outcome !== 'rolled-back') throw new Error(`switch rollback run ${run} ended ${result.outcome}: ${result.reason}`);
      const breachingSample = cloud.metricReads('green.error_rate').find((read) => read.at >= faultAt && read.value === 0.25)!;
      breachToBlueWrites.push(hookAt(cloud, 'unfreeze', 'blue') - breachingSample.at);
      lostAtReopen.push(cloud.ledgers().blueReopened[0]!.missing);
    }

    console.log(`\nrollback reaction (breaching sample → first rollback DNS write), ${REACTION_RUNS} runs, analysis interval ${interval}ms:`);
    console.log(`  median ${median(reactions)}ms, p90 ${percentile(reactions, 0.9)}ms, worst ${Math.max(...reactions)}ms, best ${Math.min(...reactions)}ms`);
    console.log(`fault injected → first rollback DNS write (includes waiting for the next sample):`);
    console.log(`  median ${median(faultToRollback)}ms, worst ${Math.max(...faultToRollback)}ms (bound: one interval ${interval}ms + reaction)`);
    console.log(`\norchestration overhead (wall time − configured bakes and soak), ${OVERHEAD_RUNS} cutovers of 3 steps + acceptance:`);
    for (const [index, { wall, waits, events, samples }] of overheads.entries()) {
      console.log(`  cutover ${index + 1}: wall ${wall}ms, configured waits ${waits}ms, overhead ${wall - waits}ms; ${events} history events, ${samples} analysis samples`);
    }
    console.log(`  median overhead ${median(overheads.map(({ wall, waits }) => wall - waits))}ms per cutover`);
    console.log(`\nwrite-freeze window of a write switch (freeze on blue → writes open on green), ${REACTION_RUNS} runs, a write every 50ms copied 300ms later:`);
    console.log(`  median ${median(freezeWindows)}ms, worst ${Math.max(...freezeWindows)}ms, best ${Math.min(...freezeWindows)}ms`);
    console.log(`rollback after the write switch (breaching sample → blue takes writes again), ${REACTION_RUNS} runs, reverse copy 300ms:`);
    console.log(`  median ${median(breachToBlueWrites)}ms, worst ${Math.max(...breachToBlueWrites)}ms; writes blue lacked when reopened: ${Math.max(...lostAtReopen)} at most`);
  } finally {
    worker.shutdown();
    await running;
    await nativeConnection.close();
    await connection.close();
    await server.stop();
  }
}

/** When the simulated database saw the hook with that action on that side. */
function hookAt(cloud: SimulatedCloud, action: string, target: string): number {
  const run = cloud.hookRuns().find((hook) => hook.action === action && hook.target === target);
  if (!run) throw new Error(`no ${action} hook ran on ${target}`);
  return run.at;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
