/**
 * What a person's request (approve, reject, pause, resume, abort) may carry into the record, and how
 * a run that can no longer take one says why. Pure: the workflow's validators and Signal handlers and
 * the CLI use the same words.
 *
 * The name and the comment or reason of a decision land in the timeline and are printed on other
 * people's terminals: an escape sequence there could redraw an approver's screen, and a zero-width
 * character would let "car\u200bol" pass for "carol". A raw Temporal update reaches the workflow
 * without the CLI's checks, so the workflow refuses such a request itself.
 */
import { escapeUnsafe, identityProblem, unsafeCharacter } from '../runbook/text';
import type { Outcome, Phase } from '../status';

export interface RequestText {
  by?: unknown;
  comment?: unknown;
  reason?: unknown;
}

/** Why the request's name, comment or reason may not be recorded, or null when they may. */
export function requestTextProblem(request: RequestText): string | null {
  if (typeof request.by !== 'string' || !request.by.trim()) return 'say who you are: the identity is empty (pass --as <name>)';
  const identity = identityProblem(request.by);
  if (identity) return `the identity "${escapeUnsafe(request.by, { oneLine: true })}" ${identity}`;
  for (const field of ['comment', 'reason'] as const) {
    const text = freeTextProblem(`the ${field}`, request[field]);
    if (text) return text;
  }
  return null;
}

/** Why a comment or reason may not be recorded as it is, or null. `field` names it in the message ("the comment", "--reason"). */
export function freeTextProblem(field: string, text: unknown): string | null {
  if (text === undefined || text === null) return null;
  if (typeof text !== 'string') return `${field} must be text`;
  const unsafe = unsafeCharacter(text, { oneLine: true });
  return unsafe ? `${field} contains ${unsafe}, which a terminal would not show as it is; write it as plain text on one line` : null;
}

export interface RunState {
  outcome: Outcome;
  reason: string | null;
  phase: Phase;
  /** The reason the run was asked to stop, while it rolls back or aborts. */
  stopping: string | null;
  /** Past sign-off: the run only completes from here, whatever its phase still says. */
  signedOff?: boolean;
}

/** Why the run takes no more decisions, naming how it ended or is ending; null while it runs. */
export function notRunningText(state: RunState): string | null {
  if (state.outcome !== 'running') return `already ended: ${endedText(state.outcome, state.reason)}`;
  if (state.stopping !== null) {
    const what = state.phase === 'rollback' ? 'rolling back' : state.phase === 'abort' ? 'aborting' : 'stopping';
    return `is ${what}: ${state.stopping}`;
  }
  if (state.signedOff || state.phase === 'complete') return 'is completing: sign-off is done and traffic stays on green';
  return null;
}

/** "rolled back: <reason>", "completed": an outcome in words, with its reason. */
export function endedText(outcome: Exclude<Outcome, 'running'>, reason: string | null): string {
  const words = outcome.replace(/-/g, ' ');
  return reason ? `${words}: ${reason}` : words;
}
