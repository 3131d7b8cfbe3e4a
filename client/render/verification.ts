/**
 * What `cutover verify` prints: the start, then one line per decision: verified, unsigned (a control
 * the cutover itself recorded as not verified, which does not fail), or NOT VERIFIED and why. A history
 * file may come from anyone, so every line is escaped whole before it reaches the auditor's terminal.
 */
import { escapeUnsafe } from '../../workflows/runbook/text';
import type { DecisionCheck, Verification } from '../verify/verify-decisions';
import type { StartCheck } from '../verify/verify-start';
import { plain, type Palette } from './colour';

const safe = (text: string) => escapeUnsafe(text, { oneLine: true });

function decisionLabel(decision: DecisionCheck): string {
  const gate = decision.gate ? ` gate "${decision.gate}"` : '';
  const key = decision.keyType && decision.fingerprint ? `${decision.keyType} ${decision.fingerprint}` : '';
  const via = decision.via ? `OIDC subject ${decision.via.subject} at ${decision.via.issuer}, via console ${decision.via.console}` : '';
  const proof = [via, key].filter(Boolean).join(', ');
  return `#${decision.seq} ${decision.action}${gate} by ${decision.principal} at ${decision.at}${proof ? ` (${proof})` : ''}`;
}

function startLabel(start: StartCheck): string {
  const key = start.keyType && start.fingerprint ? ` (${start.keyType} ${start.fingerprint})` : '';
  return `start by ${start.principal} at ${start.at}${key}`;
}

function line(check: Pick<DecisionCheck, 'verified' | 'unsigned' | 'fails' | 'problem'>, label: string, colour: Palette): string {
  if (check.verified) return `${colour.green('verified    ')}  ${safe(label)}`;
  if (check.unsigned && !check.fails) return colour.yellow(safe(`unsigned      ${label}: ${check.problem ?? ''}`));
  return colour.red(safe(`NOT VERIFIED  ${label}: ${check.problem ?? ''}`));
}

export function verificationLines(verification: Verification, colour: Palette = plain): string[] {
  const count = verification.decisions.length;
  const lines = [safe(`cutover ${verification.cutoverId} (first run ${verification.firstRunId ?? 'unknown'}): ${count} decision${count === 1 ? '' : 's'}`)];
  for (const problem of verification.runProblems) lines.push(colour.red(safe(`NOT VERIFIED  the run: ${problem}`)));
  if (verification.start) lines.push(line(verification.start, startLabel(verification.start), colour));
  for (const decision of verification.decisions) lines.push(line(decision, decisionLabel(decision), colour));
  for (const effect of verification.effects) lines.push(colour.red(safe(`NOT VERIFIED  ${effect.problem}`)));
  return lines;
}
