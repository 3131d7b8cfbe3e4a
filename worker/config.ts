/**
 * Worker settings read from the environment, checked before the worker connects: a bad value is an
 * error naming the variable and what to write instead.
 */
import { DEFAULT_DNS_CALLS_PER_SECOND } from './create-worker';

export interface WorkerConfig {
  /** DNS calls per second shared by every cutover of the task queue (the Route 53 budget). */
  dnsCallsPerSecond: number;
}

export class WorkerConfigError extends Error {
  override name = 'WorkerConfigError';
}

export function workerConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  return { dnsCallsPerSecond: positiveNumber(env, 'CUTOVER_DNS_CALLS_PER_SECOND', DEFAULT_DNS_CALLS_PER_SECOND) };
}

function positiveNumber(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const text = env[variable]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new WorkerConfigError(`${variable}=${JSON.stringify(text)} is not a positive number: write e.g. ${variable}=${fallback}, or unset it for ${fallback}`);
  }
  return value;
}
