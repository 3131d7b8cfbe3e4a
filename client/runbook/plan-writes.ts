/**
 * How long writes stay frozen, as `plan` and `start` say it: the write switch as its own step with
 * its expected freeze window, or a frozen window's least and most time counting gate timeouts.
 * Pure: a function of the validated runbook only.
 */
import { formatDuration } from '../../workflows/runbook/duration';
import type { Runbook } from '../../workflows/runbook/schema';
import { switchAfterStep, writeLossWarning, writeSwitchOf } from '../../workflows/runbook/writes';

export interface WritesPlan {
  /** The write switch step and the canary step after which it runs (0: before the canary). */
  switchStep: { afterStep: number; what: string[] } | null;
  /** One line each: where writes go and for how long they are frozen. */
  lines: string[];
  /** Said by plan, start and report: a rollback after the switch that loses writes. */
  warning: string | null;
  /** A rollback's data steps, before DNS moves. */
  rollback: string[];
}

export function writesPlanOf(runbook: Runbook): WritesPlan {
  const config = writeSwitchOf(runbook);
  const { freeze, unfreeze, switchWrites } = runbook.hooks;
  if (!config) {
    if (!freeze) return { switchStep: null, lines: ['no write freeze: the runbook has no freeze hook'], warning: null, rollback: [] };
    const { atLeastMs, atMost } = frozenWindow(runbook);
    return {
      switchStep: null,
      lines: [`frozen window: writes frozen on blue from the freeze until completion, at least ${formatDuration(atLeastMs)}, at most ${atMost}`],
      warning: null,
      rollback: [],
    };
  }
  const reverse = config.afterWriteSwitch === 'reverse-replication';
  const reverseTask = runbook.replication.provider === 'simulated' ? runbook.replication.reverseTask : undefined;
  const afterStep = switchAfterStep(runbook, config);
  const hookTimeouts = [freeze, switchWrites, unfreeze].reduce((sum, hook) => sum + (hook?.timeout ?? 0), 0);
  const atMostMs = config.timeout * (reverse ? 2 : 1) + hookTimeouts;
  const where = afterStep === 0 ? 'before the canary' : afterStep === runbook.canary.steps.length ? 'after the last canary step' : `after canary step ${afterStep}`;
  return {
    switchStep: {
      afterStep,
      what: [
        `freeze writes on blue (${freeze?.name})`,
        `wait until the forward lag is within ${formatDuration(config.rpo)} (give up after ${formatDuration(config.timeout)})`,
        `switch writes to green (${switchWrites?.name})`,
        ...(reverse ? [`start the reverse replication${reverseTask ? ` ${reverseTask}` : ''} green → blue and see it running`] : []),
        `unfreeze writes on green (${unfreeze?.name})`,
      ],
    },
    lines: [
      `write switch ${where}: writes frozen only for the switch, expected seconds (the forward lag catching up and ${reverse ? 'four calls' : 'three hooks'}), at most ${formatDuration(atMostMs)}`,
    ],
    warning: writeLossWarning(runbook),
    rollback: [
      'if writes were switched: freeze writes on green',
      reverse
        ? `wait until the reverse lag is within ${formatDuration(config.rollbackRpo)} (past ${formatDuration(config.timeout)}: rollback-failed, blue stays frozen)`
        : "green's writes since the switch are not carried back",
      `switch writes back to blue (${switchWrites?.name})`,
    ],
  };
}

/** From the freeze to completion: bakes and soak at least; at most every wait's timeout, unless a gate may wait for ever. */
function frozenWindow(runbook: Runbook): { atLeastMs: number; atMost: string } {
  const bakes = runbook.canary.steps.reduce((sum, step) => sum + step.bake, 0);
  const soak = runbook.acceptance?.soak ?? 0;
  const gateNames = [...runbook.canary.steps.map((step) => step.gate), runbook.signoffGate].filter((name): name is string => name !== undefined);
  const gates = gateNames.map((name) => runbook.gates.find((gate) => gate.name === name));
  const endless = gates.find((gate) => gate && (gate.timeout === undefined || gate.onTimeout === 'wait'));
  const waits = runbook.replication.timeout + (runbook.drain?.timeout ?? 0) + runbook.canary.steps.length * runbook.dns.syncTimeout;
  const gateMs = gates.reduce((sum, gate) => sum + (gate?.timeout ?? 0), 0);
  const atMost = endless
    ? `unbounded: gate "${endless.name}" ${endless.timeout === undefined ? 'has no timeout' : 'keeps waiting on timeout'}`
    : `${formatDuration(bakes + soak + waits + gateMs)} counting gate timeouts`;
  return { atLeastMs: bakes + soak, atMost };
}
