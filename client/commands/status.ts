/** `cutover status <id>`: one look at a cutover, running or finished; `--json` for scripts. */
import type { Command } from 'commander';
import { withConnectionOptions, type ConnectionFlags } from '../connection';
import type { Snapshot } from '../cutovers';
import { safeJson } from '../render/safe';
import { statusScreen } from '../render/status-screen';
import { EXIT } from '../exit-codes';
import { withSpinner } from '../spinner';
import { withCutovers } from '../temporal';
import { outputWidth, palette, print, printMoving } from '../terminal';

export function statusCommand(program: Command): void {
  const command = program
    .command('status')
    .description('Show where a cutover is: phase, step, weights, lag, queues, metrics, the open gate and who may approve it')
    .argument('<id>', 'the cutover id')
    .option('--json', "print the cutover's status snapshot as JSON, with Temporal's execution state under \"execution\"");
  withConnectionOptions(command)
    .addHelpText('after', '\nExamples:\n  $ cutover status orders-cutover-20260301-091500\n  $ cutover status orders-cutover-20260301-091500 --json | jq .openGate')
    .action(async (id: string, options: ConnectionFlags & { json?: boolean }) => {
      await withCutovers(options, async (cutovers) => {
        const snapshot = await withSpinner(`reading the status of ${id}`, () => cutovers.snapshot(id, { waitForMove: true, onMove: printMoving }));
        if (options.json) {
          print(safeJson(statusJson(snapshot)));
          if (snapshot.noWorker) process.exitCode = EXIT.unreachable;
          return;
        }
        const lines = statusScreen(snapshot, { width: Math.min(outputWidth(), 100), colour: palette(), now: Date.now(), live: false });
        for (const line of lines) print(line);
        // What was known is printed; the exit code still says that nothing answered.
        if (snapshot.noWorker) process.exitCode = EXIT.unreachable;
      });
    });
}

/**
 * The cutover's own snapshot, plus how Temporal sees the run. With no worker answering, the outcome
 * and phase are the last known ones (a running cutover is `running` until its history says otherwise,
 * so that a script waiting for `.outcome != "running"` never takes a silent worker for an end); a run
 * that ended without a snapshot (terminated) has a null outcome.
 */
export function statusJson(snapshot: Snapshot): Record<string, unknown> {
  const { status, execution, noWorker } = snapshot;
  if (status) return { ...status, execution };
  if (!noWorker) return { cutover: snapshot.id, outcome: null, execution };
  return { cutover: snapshot.id, outcome: execution.lastKnown?.outcome ?? 'running', phase: execution.lastKnown?.phase ?? null, execution, noWorker };
}
