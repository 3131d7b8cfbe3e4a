/** What `cutover verify` prints: one line per decision, verified or NOT VERIFIED and why. */
import { escapeUnsafe } from '../../workflows/runbook/text';
import type { DecisionCheck, Verification } from '../verify/verify-decisions';
import { plain, type Palette } from './colour';

const safe = (text: string) => escapeUnsafe(text, { oneLine: true });

function decisionLabel(decision: DecisionCheck): string {
  const gate = decision.gate ? ` gate "${safe(decision.gate)}"` : '';
  return `#${decision.seq} ${decision.action}${gate} by ${safe(decision.principal)} at ${decision.at}`;
}

export function verificationLines(verification: Verification, colour: Palette = plain): string[] {
  const lines = [`cutover ${safe(verification.cutoverId)} (first run ${verification.firstRunId ?? 'unknown'}): ${verification.decisions.length} decision${verification.decisions.length === 1 ? '' : 's'}`];
  for (const problem of verification.runProblems) lines.push(colour.red(`NOT VERIFIED  the run: ${safe(problem)}`));
  for (const decision of verification.decisions) {
    const key = decision.keyType && decision.fingerprint ? ` (${decision.keyType} ${decision.fingerprint})` : '';
    lines.push(
      decision.verified
        ? `${colour.green('verified    ')}  ${decisionLabel(decision)}${key}`
        : colour.red(`NOT VERIFIED  ${decisionLabel(decision)}${key}: ${safe(decision.problem ?? '')}`),
    );
  }
  return lines;
}
