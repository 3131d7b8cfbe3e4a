/**
 * What `cutover` exits with, so scripts and CI can tell a refused approval from a rollback. `watch`
 * ends with the run and exits with the run's outcome; every other command exits 0 when it did
 * what was asked.
 */
import type { Outcome } from '../workflows/status';

export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  invalidRunbook: 3,
  refused: 4,
  notFound: 5,
  unreachable: 6,
  notVerified: 7,
  rolledBack: 10,
  aborted: 11,
  rollbackFailed: 12,
  noOutcome: 13,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of `watch` for a run that ended: null outcome when it ended without one (terminated, failed). */
export function exitCodeForOutcome(outcome: Outcome | null): ExitCode {
  switch (outcome) {
    case 'completed':
      return EXIT.ok;
    case 'rolled-back':
      return EXIT.rolledBack;
    case 'aborted':
      return EXIT.aborted;
    case 'rollback-failed':
      return EXIT.rollbackFailed;
    default:
      return EXIT.noOutcome;
  }
}

export const EXIT_CODES_HELP = `Exit codes:
  0    done; for watch: the cutover completed
  1    unexpected error (run again with CUTOVER_DEBUG=1 for the stack trace)
  2    bad arguments, options or configuration
  3    the runbook is not valid (every problem is listed, with its line)
  4    refused by the cutover (unknown or closed gate, not an approver, ...), or by a lease:
       start: a resource it changes is held by another cutover (named)
  5    no cutover with that id
  6    Temporal cannot be reached, or no worker answered
  7    verify: a decision (or the run's policy) did not verify; each such entry is named
  10   watch: the cutover rolled back
  11   watch: the cutover was aborted before any traffic change
  12   watch: the rollback failed and was escalated
  13   watch: the run ended without an outcome (terminated, cancelled, failed)
  130  interrupted (Ctrl-C); the cutover itself goes on`;
