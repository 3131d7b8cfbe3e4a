/**
 * Route 53 rate-limits its API per account, not per caller: many cutovers on one worker must share
 * one budget, or together they draw throttling errors (and PriorRequestNotComplete) that slow every
 * one of them. One pacer per process spaces requests 1000/callsPerSecond ms apart, plus a little
 * for jitter, so any one-second window holds at most the budget. It sits after the SDK's retry
 * middleware, so every attempt, retries included, waits its turn; and before signing, so a request
 * that waited long still goes out with a fresh signature.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Route53Client } from '@aws-sdk/client-route-53';
import { Pacer, type Turn } from './pacer';

/** Route 53's documented limit: five requests per second per account. */
export const DEFAULT_ROUTE53_CALLS_PER_SECOND = 5;

/**
 * Requests that go exactly 1000/n ms apart do not arrive that far apart: signing, a new connection,
 * a busy machine on either side each take some ms off a gap (up to about 150 ms of one gap measured
 * at a local server while the whole suite ran on two cores). The margin keeps n+1 requests out of
 * any second on the server's side: 250ms between requests at the default 5 a second.
 */
const JITTER_MARGIN = 0.25;

let shared: Pacer | undefined;

function spacingMs(callsPerSecond: number): number {
  if (!Number.isFinite(callsPerSecond) || callsPerSecond <= 0) {
    throw new Error(`route53CallsPerSecond must be a number above 0, got ${callsPerSecond}`);
  }
  return Math.ceil((1000 / callsPerSecond) * (1 + JITTER_MARGIN));
}

/** The process's Route 53 pacer, created at the default rate on first use. */
export function route53Budget(): Pacer {
  shared ??= new Pacer(spacingMs(DEFAULT_ROUTE53_CALLS_PER_SECOND));
  return shared;
}

/** Sets the rate of the process's budget: it is the worker's setting, shared by every cutover it runs. */
export function setRoute53CallsPerSecond(callsPerSecond: number): void {
  route53Budget().setSpacing(spacingMs(callsPerSecond));
}

/** Which turn the Route 53 requests made inside the current call take; routine outside of it. */
const turnKind = new AsyncLocalStorage<Turn>();

/**
 * Runs `call` with every Route 53 request it makes served before routine ones still waiting for the
 * budget: the worker runs its rollback lane's activities through it.
 */
export function asRollback<T>(call: () => Promise<T>): Promise<T> {
  return turnKind.run('rollback', call);
}

/** The turn of the current call: rollback inside `asRollback`, routine elsewhere. */
export function currentTurn(): Turn {
  return turnKind.getStore() ?? 'routine';
}

export type BudgetWaitObserver = (turn: Turn, waitedMs: number) => void;

let observeWait: BudgetWaitObserver | undefined;

/** Tells `observer` how long each request waited for its turn: the worker's metrics count it. */
export function observeRoute53BudgetWaits(observer: BudgetWaitObserver | undefined): void {
  observeWait = observer;
}

/** A middleware that holds each request until the budget lets it go. */
function spaced<Args, Output>(next: (args: Args) => Promise<Output>): (args: Args) => Promise<Output> {
  return async (args) => {
    const turn = currentTurn();
    const asked = performance.now();
    await route53Budget().turn(turn);
    observeWait?.(turn, performance.now() - asked);
    return next(args);
  };
}

/** Makes every HTTP attempt of the client go through the process's budget. */
export function throughRoute53Budget(client: Route53Client): void {
  client.middlewareStack.addRelativeTo(spaced, {
    name: 'route53BudgetMiddleware',
    relation: 'before',
    toMiddleware: 'httpSigningMiddleware',
  });
}
