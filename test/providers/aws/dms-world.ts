/**
 * DMS in moto for the replication tests: a replication instance with a source and a target
 * endpoint, tasks created (and started) on it, and CDC latency published as DMS publishes it. DMS
 * calls go through a proxy that turns moto's ISO timestamps into the epoch seconds DMS sends, and
 * may rewrite a task's state into one moto never reaches (ready, failed).
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateReplicationInstanceCommand,
  CreateReplicationTaskCommand,
  DatabaseMigrationServiceClient,
  StartReplicationTaskCommand,
} from '@aws-sdk/client-database-migration-service';
import type { MotoServer } from '../../support/moto';
import { sdkConfig } from './fixtures';
import { dmsTimestampsAsEpochSeconds, type Proxy, type ProxiedRequest, startProxy } from './proxy';

export const INSTANCE = 'cutover-ri';

export interface DmsWorld {
  proxy: Proxy;
  dms: DatabaseMigrationServiceClient;
  createTask(id: string, start: boolean): Promise<string>;
  putLatency(task: string, latency: { source?: number; target?: number }, at?: number): Promise<void>;
}

/** A DescribeReplicationTasks (or other DMS) answer as the test wants DMS to have given it. */
export type TaskRewrite = (answer: Record<string, unknown>, request: ProxiedRequest) => void;

export async function dmsWorld(moto: MotoServer, rewriteTask?: TaskRewrite): Promise<DmsWorld> {
  const proxy = await startProxy(moto.endpoint, {
    rewrite: (body, request) => {
      if (!request.target?.startsWith('AmazonDMSv20160101.') || !body.startsWith('{')) return body;
      const answer = JSON.parse(dmsTimestampsAsEpochSeconds(body)) as Record<string, unknown>;
      rewriteTask?.(answer, request);
      return JSON.stringify(answer);
    },
  });
  const dms = new DatabaseMigrationServiceClient(sdkConfig(proxy.endpoint));
  const cloudwatch = new CloudWatchClient(sdkConfig(moto.endpoint));
  const instance = await dms.send(new CreateReplicationInstanceCommand({ ReplicationInstanceIdentifier: INSTANCE, ReplicationInstanceClass: 'dms.t3.medium' }));
  const instanceArn = instance.ReplicationInstance!.ReplicationInstanceArn!;
  const endpoint = async (id: string, type: 'source' | 'target') =>
    (
      await dms.send(
        new CreateEndpointCommand({ EndpointIdentifier: id, EndpointType: type, EngineName: 'postgres', ServerName: `${id}.db.internal`, Port: 5432, DatabaseName: 'orders', Username: 'dms' }),
      )
    ).Endpoint!.EndpointArn!;
  const endpoints = { source: await endpoint('orders-source', 'source'), target: await endpoint('orders-target', 'target') };

  return {
    proxy,
    dms,
    async createTask(id, start) {
      const task = await dms.send(
        new CreateReplicationTaskCommand({
          ReplicationTaskIdentifier: id,
          ReplicationInstanceArn: instanceArn,
          SourceEndpointArn: endpoints.source,
          TargetEndpointArn: endpoints.target,
          MigrationType: 'cdc',
          TableMappings: JSON.stringify({ rules: [] }),
        }),
      );
      const arn = task.ReplicationTask!.ReplicationTaskArn!;
      if (start) await dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: 'start-replication' }));
      return arn;
    },
    /** Latency datapoints as DMS publishes them; dimensions in name order (see the CloudWatch metric test). */
    async putLatency(task, latency, at = Date.now() - 10_000) {
      const dimensions = [
        { Name: 'ReplicationInstanceIdentifier', Value: INSTANCE },
        { Name: 'ReplicationTaskIdentifier', Value: task },
      ];
      const data = Object.entries({ CDCLatencySource: latency.source, CDCLatencyTarget: latency.target })
        .filter(([, value]) => value !== undefined)
        .map(([MetricName, Value]) => ({ MetricName, Dimensions: dimensions, Value, Unit: 'Seconds' as const, Timestamp: new Date(at) }));
      await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'AWS/DMS', MetricData: data }));
    },
  };
}
