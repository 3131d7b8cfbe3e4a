/**
 * `npm run demo`: a whole cutover in one process, against simulated clouds. Starts a Temporal dev
 * server and a worker, runs the runbook (examples/orders-cutover.yaml by default), prints its
 * progress, approves the gates as a second person unless told to wait, and ends with a summary.
 */
import { loadRunbook } from './runbook/load';
import { RunbookError } from '../workflows/runbook/problems';
import { cutoverId, startCutover } from './start-cutover';
import { prepareStart } from './signing/sign-start';
import { DEFAULT_EXPIRY_MS } from './signing/statements';
import { parseDemoArgs, UsageError, USAGE, type DemoArgs } from './demo/args';
import { DemoFault } from './demo/fault';
import { writesSummary } from './demo/writes';
import { follow } from './demo/follow';
import { DemoGates } from './demo/gates';
import { demoPeople, makeDemoKeys } from './demo/keys';
import { Progress } from './progress-log';
import { startStack } from './demo/stack';
import { paletteFor, summary, wantsColour } from './render';
import type { CutoverStatus } from '../workflows/status';
import { demoScenario, type SimulatedCloud } from '../activities/simulated';
import { escapeUnsafe } from '../workflows/runbook/text';

const print = (line: string) => console.log(line);
const colour = paletteFor(wantsColour(process.stdout.isTTY, process.env));

async function main(): Promise<number> {
  let args: DemoArgs;
  try {
    args = parseDemoArgs(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\nSee the options with: npm run demo -- --help`);
    return 1;
  }
  if (args.help) {
    print(USAGE);
    return 0;
  }

  let runbook;
  try {
    runbook = loadRunbook(args.runbookPath);
  } catch (err) {
    if (!(err instanceof RunbookError)) throw err;
    console.error(escapeUnsafe(err.message));
    return 1;
  }

  print(colour.bold(`Cutover demo: ${runbook.name} (${escapeUnsafe(args.runbookPath, { oneLine: true })})`));
  if (runbook.description) print(colour.dim(escapeUnsafe(runbook.description)));
  const keys = await makeDemoKeys(demoPeople(runbook, args.startedBy));
  print(colour.dim(`Throwaway SSH keys for ${demoPeople(runbook, args.startedBy).join(', ')}; the worker trusts them through ${keys.allowedSigners}.`));
  const stack = await startStack(print, keys.allowedSigners).catch(async (err: unknown) => {
    await keys.remove();
    throw err;
  });
  const interrupted = new AbortController();
  const onInterrupt = () => interrupted.abort();
  process.once('SIGINT', onInterrupt);
  try {
    restartCatchUp(stack.cloud);
    const workflowId = cutoverId(runbook.name, new Date());
    const starterKey = keys.keyOf(args.startedBy);
    const { signedStart } = await prepareStart(runbook, { id: workflowId, by: args.startedBy, key: starterKey ? { file: starterKey, source: 'the demo' } : null, now: Date.now(), expiresInMs: DEFAULT_EXPIRY_MS, env: process.env });
    const handle = await startCutover(stack.client, runbook, { startedBy: args.startedBy, taskQueue: stack.taskQueue, workflowId, signedStart });
    const gates = args.waitForApproval ? 'you approve the gates (--wait-for-approval)' : 'the demo approves the gates';
    const when = runbook.writes.mode === 'switch' && !args.faultBeforeSwitch ? 'once writes switched to it' : 'once it gets traffic';
    const fault = args.fault ? `; green fails ${colour.red('on purpose')} ${when} (--fault)` : '';
    print(`Started cutover ${colour.bold(handle.workflowId)} as ${args.startedBy}; ${gates}${fault}.\n`);

    const demoGates = new DemoGates({ handle, keys, waitForApproval: args.waitForApproval, address: stack.address, namespace: stack.namespace, print, colour });
    const demoFault = args.fault ? new DemoFault(stack.cloud, print, colour, runbook.writes.mode === 'switch' && !args.faultBeforeSwitch) : null;
    const final = await Promise.race([
      follow(handle, {
        progress: new Progress(colour),
        print,
        signal: interrupted.signal,
        onStatus: async (status) => {
          demoFault?.onStatus(status);
          await demoGates.onStatus(status);
        },
      }),
      stack.workerFailed,
    ]);
    if (!final) {
      print(`\nInterrupted: cutover ${handle.workflowId} stops with this process's Temporal server.`);
      return 130;
    }
    print(`\n${colour.bold(`Summary of ${handle.workflowId}`)}`);
    print(summary(final, { colour, dnsWeights: stack.cloud.weights(runbook.dns.record) }));
    for (const line of writesSummary(final, stack.cloud.ledgers())) print(line);
    return exitCode(final, args);
  } finally {
    process.off('SIGINT', onInterrupt);
    print(colour.dim('Stopping the worker and the Temporal server…'));
    await stack.shutdown();
    await keys.remove();
  }
}

/** Lag and queue depths start falling now, not when the worker began bundling, so those phases show. */
function restartCatchUp(cloud: SimulatedCloud): void {
  const scenario = demoScenario();
  for (const [task, spec] of Object.entries(scenario.replication ?? {})) cloud.setLag(task, spec.lag ?? null);
  for (const [queue, spec] of Object.entries(scenario.queues ?? {})) cloud.setQueue(queue, spec);
  if (scenario.data?.writeEveryMs) cloud.startWriteLoad(scenario.data.writeEveryMs);
}

/** 0 when the demo did what it promised: completed, or rolled back from the fault it injected. */
function exitCode(status: CutoverStatus, args: DemoArgs): number {
  if (status.outcome === 'completed') return 0;
  if (status.outcome === 'rolled-back' && args.fault) {
    print(colour.green('The injected fault was caught and traffic is back on blue, as the demo intended.'));
    return 0;
  }
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
