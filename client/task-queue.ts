/** The task queue cutovers run on: --task-queue, else CUTOVER_TASK_QUEUE, else "cutover". `start` and `worker` must agree. */
import type { Command } from 'commander';
import { TASK_QUEUE as DEFAULT_TASK_QUEUE } from '../workflows/task-queues';

export interface TaskQueueFlags {
  taskQueue?: string;
}

export { DEFAULT_TASK_QUEUE };

export function taskQueueOption(command: Command): Command {
  return command.option('--task-queue <queue>', `task queue of the cutover workers (default: CUTOVER_TASK_QUEUE, else ${DEFAULT_TASK_QUEUE})`);
}

export function resolveTaskQueue(flags: TaskQueueFlags, env: Record<string, string | undefined> = process.env): string {
  return flags.taskQueue?.trim() || env.CUTOVER_TASK_QUEUE?.trim() || DEFAULT_TASK_QUEUE;
}
