/** Where a cutover last was, from its memo, in one line: `canary, step 1/2, waiting at gate "half-way", paused`. */
import type { LastKnown } from '../../workflows/last-known';

export function lastKnownText(known: LastKnown): string {
  const step = known.step ? `, step ${known.step.index}/${known.step.total}` : '';
  const gate = known.openGate ? `, waiting at gate "${known.openGate}"` : '';
  return `${known.phase}${step}${gate}${known.paused ? ', paused' : ''}`;
}
