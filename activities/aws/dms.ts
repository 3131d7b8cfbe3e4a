/**
 * Replication on AWS DMS (`replication.provider: dms`). The task comes from DescribeReplicationTasks
 * (by identifier, or by ARN when the runbook gives one). Its lag is what DMS publishes to CloudWatch
 * in AWS/DMS: CDCLatencySource (source to DMS) and CDCLatencyTarget (DMS to target), in seconds, with
 * the dimensions ReplicationInstanceIdentifier and ReplicationTaskIdentifier.
 *
 * DMS fills ReplicationTaskIdentifier with the task's resource id, the last segment of its ARN
 * (arn:aws:dms:us-east-1:123456789012:task:ABCDEFG...), not the name people give the task; that
 * segment is also where a custom ResourceIdentifier shows. The two dimensions of a task do not
 * change, so they are looked up once per task and kept for the life of the worker.
 *
 * The reverse task (`replication.reverseTask`, green → blue) waits stopped until the write switch
 * starts it; its lag is read the same way. Starting it is idempotent: a task already starting or
 * running is left alone, so a retried activity or a resumed run never starts it twice.
 */
import {
  type DatabaseMigrationServiceClient,
  DescribeReplicationInstancesCommand,
  DescribeReplicationTasksCommand,
  type ReplicationTask,
  StartReplicationTaskCommand,
} from '@aws-sdk/client-database-migration-service';
import { ApplicationFailure } from '@temporalio/common';
import type { DmsReplication } from '../../workflows/runbook/provider-sections';
import type { ReplicationConfig, ReplicationDirection, ReplicationProvider } from '../providers';
import type { AwsClients } from './clients';
import { metricData } from './cloudwatch-data';
import { reverseStartAction, reverseTaskUsable, taskWhy } from './dms-start';
import { awsCall, permanentFailure } from './errors';

/** CDC latency is published every minute: the last minute holds the latest. */
const LAG_WINDOW_MS = 60_000;

interface LagDimensions {
  ReplicationInstanceIdentifier: string;
  ReplicationTaskIdentifier: string;
}

function asDms(replication: ReplicationConfig): DmsReplication {
  if (replication.provider !== 'dms') throw permanentFailure(`replication.provider is "${replication.provider}", not dms`, 'UnknownProvider');
  return replication;
}

/** One of the runbook's two tasks: which field names it, and its identifier or ARN. */
interface TaskRef {
  field: 'replication.task' | 'replication.reverseTask';
  task: string;
}

const forwardTask = (replication: DmsReplication): TaskRef => ({ field: 'replication.task', task: replication.task });

function reverseTask(replication: DmsReplication): TaskRef {
  if (replication.reverseTask === undefined) {
    throw permanentFailure(
      `replication task ${replication.task} has no reverse task: name the green → blue DMS task in replication.reverseTask, or run without reverse replication`,
      'NoReverseReplication',
    );
  }
  return { field: 'replication.reverseTask', task: replication.reverseTask };
}

const taskOf = (replication: DmsReplication, direction: ReplicationDirection = 'forward') =>
  direction === 'forward' ? forwardTask(replication) : reverseTask(replication);

const taskNotFound = (ref: TaskRef) =>
  permanentFailure(`replication task ${ref.task} does not exist in DMS (or not in this region): check ${ref.field} and replication.region`, 'ReplicationTaskNotFound');

async function describeTask(client: DatabaseMigrationServiceClient, ref: TaskRef): Promise<ReplicationTask> {
  const filter = ref.task.startsWith('arn:') ? 'replication-task-arn' : 'replication-task-id';
  const answer = await awsCall(
    `describing replication task ${ref.task}`,
    () => client.send(new DescribeReplicationTasksCommand({ Filters: [{ Name: filter, Values: [ref.task] }], WithoutSettings: true })),
    // DMS answers a filter that matches nothing with ResourceNotFoundFault.
    { ResourceNotFoundFault: { type: 'ReplicationTaskNotFound', hint: `check ${ref.field} and replication.region` } },
  );
  const found = answer.ReplicationTasks?.[0];
  if (!found) throw taskNotFound(ref);
  return found;
}

async function lagDimensions(client: DatabaseMigrationServiceClient, ref: TaskRef): Promise<LagDimensions> {
  const task = await describeTask(client, ref);
  const taskArn = task.ReplicationTaskArn;
  const instanceArn = task.ReplicationInstanceArn;
  if (!taskArn || !instanceArn) throw new Error(`DMS described replication task ${ref.task} without its ARN or its replication instance`);
  const answer = await awsCall(
    `describing the replication instance of task ${ref.task}`,
    () => client.send(new DescribeReplicationInstancesCommand({ Filters: [{ Name: 'replication-instance-arn', Values: [instanceArn] }] })),
    { ResourceNotFoundFault: { type: 'ReplicationInstanceNotFound', hint: `the task's replication instance ${instanceArn} is gone` } },
  );
  const instance = answer.ReplicationInstances?.[0]?.ReplicationInstanceIdentifier;
  if (!instance) throw permanentFailure(`replication instance ${instanceArn} of task ${ref.task} does not exist`, 'ReplicationInstanceNotFound');
  return { ReplicationInstanceIdentifier: instance, ReplicationTaskIdentifier: taskArn.slice(taskArn.lastIndexOf(':') + 1) };
}

export function dmsReplication(clients: AwsClients): ReplicationProvider {
  const dimensionsByTask = new Map<string, LagDimensions>();

  async function dimensionsOf(replication: DmsReplication, ref: TaskRef): Promise<LagDimensions> {
    const key = JSON.stringify([replication.region ?? null, replication.endpoint ?? null, ref.task]);
    let dimensions = dimensionsByTask.get(key);
    if (!dimensions) {
      dimensions = await lagDimensions(clients.dms(replication), ref);
      dimensionsByTask.set(key, dimensions);
    }
    return dimensions;
  }

  return {
    async check(config) {
      const replication = asDms(config);
      const client = clients.dms(replication);
      const task = await describeTask(client, forwardTask(replication));
      if (task.Status !== 'running') {
        throw permanentFailure(
          `replication task ${replication.task} is "${task.Status ?? 'unknown'}", not running${taskWhy(task)}: start it before the cutover`,
          'ReplicationTaskNotRunning',
        );
      }
      if (replication.reverseTask === undefined) return;
      const reverse = await describeTask(client, reverseTask(replication));
      if (!reverseTaskUsable(reverse)) {
        throw permanentFailure(
          `reverse replication task ${replication.reverseTask} is "${reverse.Status ?? 'unknown'}"${taskWhy(reverse)}, so the write switch could not start it: ` +
            'fix or recreate it (it may wait stopped or ready) before the cutover',
          'ReverseTaskUnusable',
        );
      }
    },

    /** The larger of the source and target latency maxima over the last minute; null without data. */
    async lagSeconds(config, direction) {
      const replication = asDms(config);
      const ref = taskOf(replication, direction);
      const dimensions = { ...(await dimensionsOf(replication, ref)) };
      const selector = (id: string, metricName: string) => ({ id, namespace: 'AWS/DMS', metricName, dimensions, stat: 'Maximum', periodSeconds: 60 });
      const now = Date.now();
      const found = await metricData(
        clients.cloudwatch(replication),
        [selector('source', 'CDCLatencySource'), selector('target', 'CDCLatencyTarget')],
        { start: new Date(now - LAG_WINDOW_MS), end: new Date(now) },
        `reading the CDC latency of replication task ${ref.task}`,
      );
      const values = [...(found.source ?? []), ...(found.target ?? [])].map((point) => point.value);
      return values.length === 0 ? null : Math.max(...values);
    },

    async startReverse(config) {
      const replication = asDms(config);
      const ref = reverseTask(replication);
      const client = clients.dms(replication);
      const task = await describeTask(client, ref);
      const action = reverseStartAction(task);
      if (action.kind === 'leave') return;
      if (action.kind === 'refuse') {
        throw permanentFailure(`reverse replication task ${ref.task} cannot be started: ${action.why}; look at the task in DMS, then start it by hand or roll back`, 'ReverseTaskFailed');
      }
      if (action.kind === 'wait') throw ApplicationFailure.retryable(`reverse replication task ${ref.task} cannot be started yet: ${action.why}`, 'ReverseTaskBusy');
      const arn = task.ReplicationTaskArn;
      if (!arn) throw new Error(`DMS described replication task ${ref.task} without its ARN`);
      // A start racing ours makes DMS answer InvalidResourceStateFault, retryable like any other
      // error: the next attempt reads the task starting and leaves it.
      await awsCall(`starting reverse replication task ${ref.task} (${action.type})`, () =>
        client.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: action.type })),
      );
    },

    async reverseStatus(config) {
      const replication = asDms(config);
      const task = await describeTask(clients.dms(replication), reverseTask(replication));
      const status = task.Status ?? 'unknown';
      return { running: status === 'running', status: status === 'failed' ? `failed${taskWhy(task)}` : status };
    },
  };
}
