/**
 * The CLI's typed errors as HTTP answers: the same message and next step the terminal would print,
 * with a status a browser or a script can act on. Anything unexpected says so without its details,
 * which may hold a provider's or Temporal's internals.
 */
import { CliError, NotFoundError, RefusedError, UnreachableError, UsageError } from '../errors';

export interface ConsoleProblem {
  status: number;
  error: string;
  hint?: string;
}

export function problemOf(err: unknown): ConsoleProblem {
  if (err instanceof CliError) return { status: statusOf(err), error: err.message, ...(err.hint ? { hint: err.hint } : {}) };
  return { status: 500, error: 'unexpected error in the console; its log says where it happened' };
}

function statusOf(err: CliError): number {
  if (err instanceof NotFoundError) return 404;
  if (err instanceof UnreachableError) return 503;
  if (err instanceof RefusedError) return 409;
  if (err instanceof UsageError) return 400;
  return 500;
}
