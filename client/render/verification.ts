/**
 * What `cutover verify` prints: one line per decision, verified or NOT VERIFIED and why. A history
 * file may come from anyone, so every line is escaped whole before it reaches the auditor's terminal.
 */
import { escapeUnsafe } from '../../workflows/runbook/text';
import type { DecisionCheck, Verification } from '../verify/verify-decisions';
import { plain, type Palette } from './colour';

const safe = (text: string) => escapeUnsafe(text, { oneLine: true });

function decisionLabel(decision: DecisionCheck): string {
  const gate = decision.gate ? ` gate "${decision.gate}"` : '';
  const key = decision.keyType && decision.fingerprint ? `${decision.keyType} ${decision.fingerprint}` : '';
  const via = decision.via ? `OIDC subject ${decision.via.subject} at ${decision.via.issuer}, via console ${decision.via.console}` : '';
  const proof = [via, key].filter(Boolean).join(', ');
  return `#${decision.seq} ${decision.action}${gate} by ${decision.principal} at ${decision.at}${proof ? ` (${proof})` : ''}`;
}

export function verificationLines(verification: Verification, colour: Palette = plain): string[] {
  const count = verification.decisions.length;
  const lines = [safe(`cutover ${verification.cutoverId} (first run ${verification.firstRunId ?? 'unknown'}): ${count} decision${count === 1 ? '' : 's'}`)];
  for (const problem of verification.runProblems) lines.push(colour.red(safe(`NOT VERIFIED  the run: ${problem}`)));
  for (const decision of verification.decisions) {
    lines.push(decision.verified ? `${colour.green('verified    ')}  ${safe(decisionLabel(decision))}` : colour.red(safe(`NOT VERIFIED  ${decisionLabel(decision)}: ${decision.problem ?? ''}`)));
  }
  return lines;
}
