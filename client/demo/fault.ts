/**
 * --fault: green's error rate jumps a moment after writes switched to green (or after green first
 * gets traffic, with --fault-before-switch or a runbook without a write switch), so a person can
 * watch the analysis catch it and the automatic rollback put the data, then traffic, back on blue.
 */
import { greenFault, type SimulatedCloud } from '../../activities/simulated';
import type { CutoverStatus } from '../../workflows/status';
import { asideLine, clockTime, type Palette } from '../render';

export const FAULT_DELAY_MS = 1_500;
export const FAULT_ERROR_RATE = 0.25;

export class DemoFault {
  private injected = false;

  constructor(
    private readonly cloud: SimulatedCloud,
    private readonly print: (line: string) => void,
    private readonly colour: Palette,
    /** Wait for writes to be open on green before the fault. */
    private readonly afterSwitch = false,
  ) {}

  onStatus(status: CutoverStatus): void {
    if (this.injected || (status.weights?.green ?? 0) === 0) return;
    if (this.afterSwitch && !(status.writes?.switched && status.writes.windows[0]?.end)) return;
    this.injected = true;
    const at = Date.now() + FAULT_DELAY_MS;
    greenFault(this.cloud, { at, errorRate: FAULT_ERROR_RATE });
    const what = `green's error rate jumps to ${FAULT_ERROR_RATE * 100}% at ${clockTime(at)} (in ${FAULT_DELAY_MS / 1000}s): the analysis should roll back`;
    this.print(asideLine('fault', this.colour.red(what), { colour: this.colour }));
  }
}
