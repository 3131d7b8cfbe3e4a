/**
 * One HTTP exchange as every HTTP provider needs it: bounded by a timeout, the answer read in full,
 * and a failure to get one described in words that never repeat the URL or a header value.
 */
import { formatDuration } from '../../workflows/runbook/duration';

export type Fetch = typeof fetch;

/** What the providers share: where secrets are read from, and how requests are sent. */
export interface HttpDeps {
  /** Read at each call, so a worker sees a variable set after it started. */
  env(): NodeJS.ProcessEnv;
  fetch: Fetch;
}

export interface Answer {
  status: number;
  body: string;
  /** From sending the request to the last byte of the answer. */
  ms: number;
}

/** No answer came: a timeout, a refused connection, an unknown host. Always worth another try. */
export class NoAnswer extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NoAnswer';
  }
}

export async function exchange(deps: HttpDeps, url: string, init: RequestInit, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await deps.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.text();
    return { status: response.status, body, ms: performance.now() - started };
  } catch (error) {
    throw new NoAnswer(whyNoAnswer(error, timeoutMs));
  }
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed before the answer was complete',
};

/**
 * fetch reports a network failure as "fetch failed" with the reason in `cause`; only the reason's
 * code is used, because some causes quote what was being fetched.
 */
function whyNoAnswer(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${formatDuration(timeoutMs)}`;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code === undefined) return 'the request failed before an answer came';
  return NETWORK_CODES[code] ? `${NETWORK_CODES[code]} (${code})` : `network error ${code}`;
}

/**
 * A status the receiver will answer the same way next time, so a retry cannot help: a 4xx other
 * than 408 and 429, or a redirect (never followed, so that secret headers stay with their URL).
 */
export function isPermanentStatus(status: number): boolean {
  return status >= 300 && status < 500 && status !== 408 && status !== 429;
}

/** Success when the status is one of `expected`, or any 2xx when none is given. */
export function isExpectedStatus(status: number, expected: readonly number[] | undefined): boolean {
  return expected ? expected.includes(status) : status >= 200 && status < 300;
}

export function describeExpected(expected: readonly number[] | undefined): string {
  return expected ? expected.join(' or ') : '2xx';
}

/** The URL without its query or credentials: enough to tell which endpoint answered. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
