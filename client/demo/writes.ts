/**
 * The demo's closing word on the data, counted from the simulated ledgers rather than taken from the
 * cutover's own record: how many writes the steady load got acknowledged and refused, the freeze
 * windows, and how many acknowledged writes were lost.
 */
import type { LedgerSummary } from '../../activities/simulated';
import type { CutoverStatus } from '../../workflows/status';
import { elapsed } from '../render/time';

export function writesSummary(status: CutoverStatus, ledgers: LedgerSummary): string[] {
  const lines: string[] = [];
  const load = ledgers.load;
  if (load) lines.push(`writes    ${load.acknowledged} acknowledged, ${load.refused} refused while frozen, of ${load.attempted} attempted (one every 50ms)`);
  for (const window of status.writes?.windows ?? []) {
    lines.push(`frozen    ${window.why}: ${window.durationMs === null ? 'still frozen' : elapsed(window.durationMs)} without writes`);
  }
  if (!status.writes?.switched) {
    if (load && status.outcome === 'rolled-back') lines.push('lost      0: writes never left blue, so the rollback moved traffic only');
    return lines;
  }
  if (status.outcome === 'rolled-back') {
    // Invariant 7, counted at the moment blue took writes again.
    const lost = ledgers.blueReopened[0]?.missing;
    lines.push(`carried   ${ledgers.carriedBack} writes acknowledged on green carried back to blue by reverse replication`);
    if (lost === undefined) lines.push('lost      blue stays frozen: it was never reopened');
    else if (lost === 0) lines.push('lost      0 writes lost: every write acknowledged on green was on blue before blue took writes again');
    else lines.push(`lost      ${lost} writes lost: blue took writes again without them`);
  } else if (status.outcome === 'completed') {
    const atSwitch = ledgers.switches.find((change) => change.to === 'green');
    const lost = atSwitch?.missing ?? 0;
    lines.push(`lost      ${lost} writes lost${lost === 0 ? ': green had every write of blue when it took writes' : ''}`);
  }
  return lines;
}
