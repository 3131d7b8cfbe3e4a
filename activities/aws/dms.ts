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
 */
import {
  type DatabaseMigrationServiceClient,
  DescribeReplicationInstancesCommand,
  DescribeReplicationTasksCommand,
  type ReplicationTask,
} from '@aws-sdk/client-database-migration-service';
import type { DmsReplication } from '../../workflows/runbook/provider-sections';
import type { ReplicationConfig, ReplicationProvider } from '../providers';
import type { AwsClients } from './clients';
import { metricData } from './cloudwatch-data';
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

const taskNotFound = (task: string) =>
  permanentFailure(`replication task ${task} does not exist in DMS (or not in this region): check replication.task and replication.region`, 'ReplicationTaskNotFound');

async function describeTask(client: DatabaseMigrationServiceClient, replication: DmsReplication): Promise<ReplicationTask> {
  const filter = replication.task.startsWith('arn:') ? 'replication-task-arn' : 'replication-task-id';
  const answer = await awsCall(
    `describing replication task ${replication.task}`,
    () => client.send(new DescribeReplicationTasksCommand({ Filters: [{ Name: filter, Values: [replication.task] }], WithoutSettings: true })),
    // DMS answers a filter that matches nothing with ResourceNotFoundFault.
    { ResourceNotFoundFault: { type: 'ReplicationTaskNotFound', hint: 'check replication.task and replication.region' } },
  );
  const found = answer.ReplicationTasks?.[0];
  if (!found) throw taskNotFound(replication.task);
  return found;
}

async function lagDimensions(client: DatabaseMigrationServiceClient, replication: DmsReplication): Promise<LagDimensions> {
  const task = await describeTask(client, replication);
  const taskArn = task.ReplicationTaskArn;
  const instanceArn = task.ReplicationInstanceArn;
  if (!taskArn || !instanceArn) throw new Error(`DMS described replication task ${replication.task} without its ARN or its replication instance`);
  const answer = await awsCall(
    `describing the replication instance of task ${replication.task}`,
    () => client.send(new DescribeReplicationInstancesCommand({ Filters: [{ Name: 'replication-instance-arn', Values: [instanceArn] }] })),
    { ResourceNotFoundFault: { type: 'ReplicationInstanceNotFound', hint: `the task's replication instance ${instanceArn} is gone` } },
  );
  const instance = answer.ReplicationInstances?.[0]?.ReplicationInstanceIdentifier;
  if (!instance) throw permanentFailure(`replication instance ${instanceArn} of task ${replication.task} does not exist`, 'ReplicationInstanceNotFound');
  return { ReplicationInstanceIdentifier: instance, ReplicationTaskIdentifier: taskArn.slice(taskArn.lastIndexOf(':') + 1) };
}

export function dmsReplication(clients: AwsClients): ReplicationProvider {
  const dimensionsByTask = new Map<string, LagDimensions>();

  async function dimensionsOf(replication: DmsReplication): Promise<LagDimensions> {
    const key = JSON.stringify([replication.region ?? null, replication.endpoint ?? null, replication.task]);
    let dimensions = dimensionsByTask.get(key);
    if (!dimensions) {
      dimensions = await lagDimensions(clients.dms(replication), replication);
      dimensionsByTask.set(key, dimensions);
    }
    return dimensions;
  }

  return {
    async check(config) {
      const replication = asDms(config);
      const task = await describeTask(clients.dms(replication), replication);
      if (task.Status === 'running') return;
      const why = [task.StopReason && `stop reason: ${task.StopReason}`, task.LastFailureMessage && `last failure: ${task.LastFailureMessage}`].filter(Boolean);
      throw permanentFailure(
        `replication task ${replication.task} is "${task.Status ?? 'unknown'}", not running${why.length ? ` (${why.join('; ')})` : ''}: start it before the cutover`,
        'ReplicationTaskNotRunning',
      );
    },

    /** The larger of the source and target latency maxima over the last minute; null without data. */
    async lagSeconds(config) {
      const replication = asDms(config);
      const dimensions = { ...(await dimensionsOf(replication)) };
      const selector = (id: string, metricName: string) => ({ id, namespace: 'AWS/DMS', metricName, dimensions, stat: 'Maximum', periodSeconds: 60 });
      const now = Date.now();
      const found = await metricData(
        clients.cloudwatch(replication),
        [selector('source', 'CDCLatencySource'), selector('target', 'CDCLatencyTarget')],
        { start: new Date(now - LAG_WINDOW_MS), end: new Date(now) },
        `reading the CDC latency of replication task ${replication.task}`,
      );
      const values = [...(found.source ?? []), ...(found.target ?? [])].map((point) => point.value);
      return values.length === 0 ? null : Math.max(...values);
    },

    async startReverse(config) {
      throw permanentFailure(`replication task ${config.task}: reverse replication through DMS is not available yet`, 'NoReverseReplication');
    },

    async reverseStatus(config) {
      throw permanentFailure(`replication task ${config.task}: reverse replication through DMS is not available yet`, 'NoReverseReplication');
    },
  };
}
