/**
 * The errors `cutover` expects, each with its exit code and, where there is one, the next thing to
 * try. The one error handler prints these as a message, never as a stack trace.
 */
import { EXIT, type ExitCode } from './exit-codes';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    /** What to do about it, printed on its own line. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad arguments, options or configuration. */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.usage, hint);
  }
}

/** The cutover refused the request; the message is the workflow's own. */
export class RefusedError extends CliError {
  constructor(message: string, hint?: string) {
    super(`refused: ${message}`, EXIT.refused, hint);
  }
}

export class NotFoundError extends CliError {
  constructor(message: string, hint = 'see running and recent cutovers with: cutover list') {
    super(message, EXIT.notFound, hint);
  }
}

/** Temporal cannot be reached, or no worker answered in time. */
export class UnreachableError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.unreachable, hint);
  }
}
