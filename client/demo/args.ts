/** The demo's command line, parsed with node's util.parseArgs. */
import { parseArgs } from 'node:util';
import { escapeUnsafe, identityProblem } from '../../workflows/runbook/text';

export const DEFAULT_RUNBOOK = 'examples/orders-write-switch.yaml';

export interface DemoArgs {
  runbookPath: string;
  fault: boolean;
  /** The fault comes once green first gets traffic, before any write switch: a traffic-only rollback. */
  faultBeforeSwitch: boolean;
  waitForApproval: boolean;
  startedBy: string;
  help: boolean;
}

export const USAGE = `Usage: npm run demo -- [options] [runbook.yaml]

Runs a whole cutover in this process, against simulated clouds: an embedded Temporal dev server,
a worker, and the cutover workflow, printing its timeline, weights and metrics as it goes.

Arguments:
  runbook.yaml          the runbook to run (default: ${DEFAULT_RUNBOOK})

Options:
  --fault               make green fail (error rate 25%) 1.5s after writes switched to green
                        (or after it first gets traffic, without a write switch), to watch
                        the rollback bring every write back to blue first
  --fault-before-switch make green fail once it first gets traffic, before the write switch:
                        a rollback of traffic only, with no data step
  --wait-for-approval   do not approve gates: print how to approve and keep waiting
  --as <name>           who starts the cutover (default: $USER, else "operator")
  -h, --help            show this help

Environment:
  TEMPORAL_ADDRESS      use this Temporal server instead of starting one
  NO_COLOR              no colours even in a terminal`;

export class UsageError extends Error {}

export function parseDemoArgs(argv: string[], env: Record<string, string | undefined>): DemoArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        fault: { type: 'boolean', default: false },
        'fault-before-switch': { type: 'boolean', default: false },
        'wait-for-approval': { type: 'boolean', default: false },
        as: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`expected at most one runbook file, got ${positionals.length}: ${positionals.join(' ')}`);
  const startedBy = (values.as ?? env.USER ?? '').trim() || 'operator';
  const problem = identityProblem(startedBy);
  if (problem) throw new UsageError(`${values.as === undefined ? '$USER' : '--as'} "${escapeUnsafe(startedBy, { oneLine: true })}" ${problem}`);
  return {
    runbookPath: positionals[0] ?? DEFAULT_RUNBOOK,
    fault: values.fault === true || values['fault-before-switch'] === true,
    faultBeforeSwitch: values['fault-before-switch'] === true,
    waitForApproval: values['wait-for-approval'] === true,
    startedBy,
    help: values.help === true,
  };
}
