/**
 * What a test arranges to happen to the next matching request: a failure ARM might answer with
 * (429 with Retry-After, 500, a 403), or an action run just before the request is handled, such as
 * another operator editing the record set between our read and our write.
 */
import type { ArmReply } from './arm-http';

export interface RequestMatch {
  method?: string;
  /** A substring of the path (case-insensitive), or a pattern it must match. */
  path?: string | RegExp;
}

export interface Failure {
  status: number;
  code?: string;
  /** The error message; a function sees the request's Authorization header, to play a server that echoes it. */
  message?: string | ((request: { authorization: string | undefined }) => string);
  headers?: Record<string, string>;
  /** How many matching requests fail in a row (1 by default). */
  times?: number;
}

interface Pending {
  match: RequestMatch;
  remaining: number;
  act: (request: { authorization: string | undefined }) => ArmReply | undefined;
}

export function matches(match: RequestMatch, method: string, path: string): boolean {
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? path.toLowerCase().includes(match.path.toLowerCase()) : match.path.test(path);
}

export class Interceptions {
  private pending: Pending[] = [];

  fail(match: RequestMatch, failure: Failure): void {
    const { status, code = defaultCode(status), headers = {}, times = 1 } = failure;
    this.pending.push({
      match,
      remaining: times,
      act: (request) => {
        const message = typeof failure.message === 'function' ? failure.message(request) : (failure.message ?? `injected ${status}`);
        return { status, body: { error: { code, message } }, headers };
      },
    });
  }

  before(match: RequestMatch, action: () => void): void {
    this.pending.push({
      match,
      remaining: 1,
      act: () => {
        action();
        return undefined;
      },
    });
  }

  /** Runs every pending interception that matches; a failure ends the request with its reply. */
  apply(method: string, path: string, request: { authorization: string | undefined }): ArmReply | undefined {
    for (const pending of [...this.pending]) {
      if (!matches(pending.match, method, path)) continue;
      pending.remaining -= 1;
      if (pending.remaining <= 0) this.pending = this.pending.filter((p) => p !== pending);
      const reply = pending.act(request);
      if (reply) return reply;
    }
    return undefined;
  }
}

function defaultCode(status: number): string {
  if (status === 429) return 'TooManyRequests';
  if (status === 403) return 'AuthorizationFailed';
  if (status === 409) return 'Conflict';
  if (status === 503) return 'ServiceUnavailable';
  if (status >= 500) return 'InternalServerError';
  return 'BadRequest';
}
