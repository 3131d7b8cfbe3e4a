/**
 * Worker settings read from the environment, checked before the worker connects: a bad value is an
 * error naming the variable and what to write instead.
 */

/** Route 53's documented request rate per account. */
export const DEFAULT_DNS_CALLS_PER_SECOND = 5;

export interface WorkerConfig {
  /** DNS calls per second shared by every cutover of the task queue (the Route 53 budget). */
  dnsCallsPerSecond: number;
}

export class WorkerConfigError extends Error {
  override name = 'WorkerConfigError';
}

export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return { dnsCallsPerSecond: positiveSetting(env, 'CUTOVER_DNS_CALLS_PER_SECOND', DEFAULT_DNS_CALLS_PER_SECOND) };
}

/** The number `text` writes when it is finite and above 0. */
export function positiveNumber(text: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function positiveSetting(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const text = env[variable]?.trim();
  if (!text) return fallback;
  const value = positiveNumber(text);
  if (value === undefined) {
    throw new WorkerConfigError(`${variable}=${JSON.stringify(text)} is not a positive number: write e.g. ${variable}=${fallback}, or unset it for ${fallback}`);
  }
  return value;
}
