/**
 * The end-of-run report as labelled lines: outcome, why, where traffic is, how long it took and
 * who approved what. For a rollback the reason names the metric, value, threshold and time.
 */
import type { Weights } from '../../workflows/decisions/traffic';
import type { CutoverStatus, Outcome } from '../../workflows/status';
import { plain, type Palette } from './colour';
import { formatValue } from './metrics';
import { clockTime, elapsed } from './time';
import { displaySafe } from './safe';
import { proofOf, starterText, UNVERIFIED_NOTICE } from './proof';
import { weightBar } from './weights';

export interface SummaryOptions {
  colour?: Palette;
  utc?: boolean;
  /** Weights read back from DNS at the end; without them, the last weights the run wrote. */
  dnsWeights?: Weights;
  /** The end of a run still going, for its duration so far. */
  now?: number;
}

const LABEL_WIDTH = 10;

export function summary(unsafeStatus: CutoverStatus, options: SummaryOptions = {}): string {
  const status = displaySafe(unsafeStatus);
  const colour = options.colour ?? plain;
  const at = (iso: string | number) => clockTime(iso, options.utc);
  const lines: [string, string][] = [['outcome', outcomeText(status.outcome, colour)]];

  const cause = status.rollback?.cause;
  if (cause) {
    const value = cause.value === null ? 'no data' : formatValue(cause.value);
    const held = cause.sustainedFor > 0 ? `, held for ${elapsed(cause.sustainedFor)}` : '';
    lines.push(['reason', `metric ${cause.metric} = ${value}, threshold ${cause.threshold}${held}, at ${at(cause.at)}`]);
  } else if (status.reason) {
    lines.push(['reason', status.reason]);
  }
  if (status.rollback) {
    const { startedAt, verifiedAt, attempts } = status.rollback;
    const verified = verifiedAt ? `DNS verified 100% blue at ${at(verifiedAt)}` : colour.red('DNS not verified as 100% blue');
    lines.push(['rollback', `started ${at(startedAt)}, ${verified} (${attempts} attempt${attempts === 1 ? '' : 's'})`]);
  }

  const weights = options.dnsWeights ?? status.weights;
  if (weights) lines.push([options.dnsWeights ? 'dns' : 'weights', weightBar(weights, 20, colour)]);

  const end = status.endedAt ? Date.parse(status.endedAt) : (options.now ?? Date.now());
  lines.push(['duration', `${elapsed(end - Date.parse(status.startedAt))} (started ${at(status.startedAt)} by ${starterText(status.startedBy, status.timeline)})`]);
  lines.push(['approvals', decisionsText(status)]);

  return lines.map(([label, text]) => `${colour.dim(label.padEnd(LABEL_WIDTH))}${text}`).join('\n');
}

function outcomeText(outcome: Outcome, colour: Palette): string {
  if (outcome === 'completed') return colour.green(colour.bold(outcome));
  if (outcome === 'running') return colour.yellow(outcome);
  return colour.red(colour.bold(outcome));
}

function decisionsText(status: CutoverStatus): string {
  const approvals = status.timeline.filter((entry) => entry.kind === 'approval');
  const rejections = status.timeline.filter((entry) => entry.kind === 'rejection').length;
  const refused = status.timeline.filter((entry) => entry.kind === 'refused').length;
  const who = approvals.map((entry) => `${String(entry.data?.gate ?? '?')} by ${entry.by ?? '?'}`);
  let text = `${approvals.length}${who.length > 0 ? ` (${who.join(', ')})` : ''}`;
  const verified = approvals.filter((entry) => proofOf(entry)?.verified).length;
  // A run of an older worker says nothing of its policy, and nothing is claimed for it.
  if (approvals.length > 0 && status.approvals) text += status.approvals === 'unverified' ? `; ${UNVERIFIED_NOTICE}` : `; ${verified === approvals.length ? 'all' : verified} signed and verified`;
  if (rejections > 0) text += `; ${rejections} rejected`;
  if (refused > 0) text += `; ${refused} refused`;
  return text;
}
