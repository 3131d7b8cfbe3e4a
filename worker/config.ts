/**
 * Worker settings from flags and the environment, checked before the worker connects: a bad value
 * is an error naming the flag or variable and what to write instead.
 */

/** Route 53's documented request rate per account. */
export const DEFAULT_DNS_CALLS_PER_SECOND = 5;

/**
 * Cutovers kept in the worker's cache between their workflow tasks. About 0.5 MB each was measured.
 * A cutover that falls out of the cache replays its whole history on its next task: at 300
 * concurrent cutovers a cache of 200 thrashed (3,366 evictions, 930 workflow tasks timed out,
 * overhead p50 134 s), a cache of 1,000 did not (p50 12.7 s). 1,000 costs about 500 MB when full.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 1_000;

export interface WorkerConfig {
  /** DNS calls per second shared by every cutover of the task queue (the Route 53 budget). */
  dnsCallsPerSecond: number;
  maxCachedWorkflows: number;
  /** Workflow tasks run at once; more made every figure worse on 2 cores (40 → 200 measured). */
  workflowTaskSlots: number;
  /** Activities run at once: DNS calls, hooks, reads of lag and queues, notifications. */
  activityTaskSlots: number;
  /** Local activities run at once: the analysis samples of every cutover. */
  localActivitySlots: number;
}

export interface WorkerSetting {
  flag: string;
  variable: string;
  fallback: number;
  /** A count (whole number) rather than a rate. */
  whole: boolean;
  about: string;
}

export const WORKER_SETTINGS: Record<keyof WorkerConfig, WorkerSetting> = {
  dnsCallsPerSecond: {
    flag: '--dns-calls-per-second',
    variable: 'CUTOVER_DNS_CALLS_PER_SECOND',
    fallback: DEFAULT_DNS_CALLS_PER_SECOND,
    whole: false,
    about: "DNS calls per second shared by every cutover of the task queue (Route 53's limit is 5)",
  },
  maxCachedWorkflows: {
    flag: '--max-cached-workflows',
    variable: 'CUTOVER_MAX_CACHED_WORKFLOWS',
    fallback: DEFAULT_MAX_CACHED_WORKFLOWS,
    whole: true,
    about: 'cutovers kept in memory between tasks, about 0.5 MB each: at least the cutovers this worker runs at once',
  },
  workflowTaskSlots: {
    flag: '--workflow-task-slots',
    variable: 'CUTOVER_WORKFLOW_TASK_SLOTS',
    fallback: 40,
    whole: true,
    about: 'workflow tasks run at once',
  },
  activityTaskSlots: {
    flag: '--activity-task-slots',
    variable: 'CUTOVER_ACTIVITY_TASK_SLOTS',
    fallback: 100,
    whole: true,
    about: 'activities run at once (DNS calls, hooks, lag and queue reads)',
  },
  localActivitySlots: {
    flag: '--local-activity-slots',
    variable: 'CUTOVER_LOCAL_ACTIVITY_SLOTS',
    // A wave of 200 on 2 loaded cores: with 100, two runs of two were stopped by a rollback; with 200, both completed (README).
    fallback: 200,
    whole: true,
    about: 'analysis samples taken at once',
  },
};

export class WorkerConfigError extends Error {
  override name = 'WorkerConfigError';
}

export type WorkerFlags = Partial<Record<keyof WorkerConfig, string>>;

/** Each setting from its flag, else its environment variable, else its default. */
export function workerConfig(flags: WorkerFlags = {}, env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const config = {} as WorkerConfig;
  for (const [key, setting] of Object.entries(WORKER_SETTINGS) as [keyof WorkerConfig, WorkerSetting][]) {
    config[key] = settingValue(setting, flags[key], env[setting.variable]);
  }
  return config;
}

/** The number `text` writes when it is finite and above 0. */
function positiveNumber(text: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function settingValue(setting: WorkerSetting, flag: string | undefined, variable: string | undefined): number {
  const kind = setting.whole ? 'a whole number above 0' : 'a positive number';
  const read = (text: string) => {
    const value = positiveNumber(text);
    return value !== undefined && (!setting.whole || Number.isInteger(value)) ? value : undefined;
  };
  if (flag !== undefined) {
    const value = read(flag.trim());
    if (value === undefined) throw new WorkerConfigError(`${setting.flag} ${flag} is not ${kind}: write e.g. ${setting.flag} ${setting.fallback}`);
    return value;
  }
  const text = variable?.trim();
  if (!text) return setting.fallback;
  const value = read(text);
  if (value === undefined) {
    throw new WorkerConfigError(
      `${setting.variable}=${JSON.stringify(text)} is not ${kind}: write e.g. ${setting.variable}=${setting.fallback}, or unset it for ${setting.fallback}`,
    );
  }
  return value;
}
