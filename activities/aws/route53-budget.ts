/**
 * Route 53 rate-limits its API per account, not per caller: many cutovers on one worker must share
 * one budget, or together they draw throttling errors (and PriorRequestNotComplete) that slow every
 * one of them. One limiter per process spaces requests 1000/callsPerSecond ms apart, plus a little
 * for jitter, so any one-second window holds at most the budget. It sits after the SDK's retry
 * middleware, so every attempt, retries included, waits its turn; and before signing, so a request
 * that waited long still goes out with a fresh signature.
 */
import type { Route53Client } from '@aws-sdk/client-route-53';
import Bottleneck from 'bottleneck';

/** Route 53's documented limit: five requests per second per account. */
export const DEFAULT_ROUTE53_CALLS_PER_SECOND = 5;

/**
 * Requests sent exactly 1000/n ms apart do not arrive that far apart: a new connection, a timer
 * firing late, a busy event loop on either side each take a few ms off a gap (30ms of 350 measured
 * at a local server's door while the whole test suite ran on two cores). The margin keeps n+1
 * requests out of any second on the server's side: 220ms between requests at the default 5 a second.
 */
const JITTER_MARGIN = 0.1;

let shared: Bottleneck | undefined;

function spacingMs(callsPerSecond: number): number {
  if (!Number.isFinite(callsPerSecond) || callsPerSecond <= 0) {
    throw new Error(`route53CallsPerSecond must be a number above 0, got ${callsPerSecond}`);
  }
  return Math.ceil((1000 / callsPerSecond) * (1 + JITTER_MARGIN));
}

/** The process's Route 53 limiter, created at the default rate on first use. */
export function route53Budget(): Bottleneck {
  shared ??= new Bottleneck({ minTime: spacingMs(DEFAULT_ROUTE53_CALLS_PER_SECOND) });
  return shared;
}

/** Sets the rate of the process's budget: it is the worker's setting, shared by every cutover it runs. */
export function setRoute53CallsPerSecond(callsPerSecond: number): void {
  route53Budget().updateSettings({ minTime: spacingMs(callsPerSecond) });
}

/** A middleware that holds each request until the budget lets it go. */
function spaced<Args, Output>(next: (args: Args) => Promise<Output>): (args: Args) => Promise<Output> {
  return (args) => route53Budget().schedule(() => next(args));
}

/** Makes every HTTP attempt of the client go through the process's budget. */
export function throughRoute53Budget(client: Route53Client): void {
  client.middlewareStack.addRelativeTo(spaced, {
    name: 'route53BudgetMiddleware',
    relation: 'before',
    toMiddleware: 'httpSigningMiddleware',
  });
}
