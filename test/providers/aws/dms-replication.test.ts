/**
 * DMS replication provider against moto: the task's status from DescribeReplicationTasks, and its
 * lag from the CDC latency metrics in CloudWatch. DMS calls go through a proxy that only rewrites
 * moto's ISO timestamps into the epoch seconds DMS (and so the SDK) uses.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateReplicationInstanceCommand,
  CreateReplicationTaskCommand,
  DatabaseMigrationServiceClient,
  StartReplicationTaskCommand,
  StopReplicationTaskCommand,
} from '@aws-sdk/client-database-migration-service';
import { awsProviders } from '../../../activities/aws';
import { dmsSection, failureOf, sdkConfig, useMoto } from './fixtures';
import { dmsTimestampsAsEpochSeconds, type Proxy, startProxy } from './proxy';

const moto = useMoto();
let proxy: Proxy;
let dms: DatabaseMigrationServiceClient;
let cloudwatch: CloudWatchClient;
let instanceArn: string;
let endpoints: { source: string; target: string };

beforeAll(async () => {
  proxy = await startProxy(moto().endpoint, {
    rewrite: (body, request) => (request.target?.startsWith('AmazonDMSv20160101.') ? dmsTimestampsAsEpochSeconds(body) : body),
  });
  dms = new DatabaseMigrationServiceClient(sdkConfig(proxy.endpoint));
  cloudwatch = new CloudWatchClient(sdkConfig(moto().endpoint));
  const instance = await dms.send(new CreateReplicationInstanceCommand({ ReplicationInstanceIdentifier: 'cutover-ri', ReplicationInstanceClass: 'dms.t3.medium' }));
  instanceArn = instance.ReplicationInstance!.ReplicationInstanceArn!;
  const endpoint = async (id: string, type: 'source' | 'target') =>
    (
      await dms.send(
        new CreateEndpointCommand({ EndpointIdentifier: id, EndpointType: type, EngineName: 'postgres', ServerName: `${id}.db.internal`, Port: 5432, DatabaseName: 'orders', Username: 'dms' }),
      )
    ).Endpoint!.EndpointArn!;
  endpoints = { source: await endpoint('orders-source', 'source'), target: await endpoint('orders-target', 'target') };
});

afterAll(async () => {
  await proxy?.close();
});

async function createTask(id: string, start: boolean): Promise<string> {
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
}

/** Latency datapoints as DMS publishes them; dimensions in name order (see the CloudWatch metric test). */
async function putLatency(task: string, latency: { source?: number; target?: number }, at = Date.now() - 10_000): Promise<void> {
  const dimensions = [
    { Name: 'ReplicationInstanceIdentifier', Value: 'cutover-ri' },
    { Name: 'ReplicationTaskIdentifier', Value: task },
  ];
  const data = Object.entries({ CDCLatencySource: latency.source, CDCLatencyTarget: latency.target })
    .filter(([, value]) => value !== undefined)
    .map(([MetricName, Value]) => ({ MetricName, Dimensions: dimensions, Value, Unit: 'Seconds' as const, Timestamp: new Date(at) }));
  await cloudwatch.send(new PutMetricDataCommand({ Namespace: 'AWS/DMS', MetricData: data }));
}

const { dms: replication } = awsProviders().replication;

describe('DMS replication', () => {
  test('check passes for a running task, found by identifier or by ARN', async () => {
    const arn = await createTask('orders-cdc', true);
    await replication.check(dmsSection(proxy.endpoint, 'orders-cdc'));
    await replication.check(dmsSection(proxy.endpoint, arn));
  });

  test('a task that is not running is a non-retryable error that says its status', async () => {
    // moto leaves a new task "creating" until it is started; started and stopped, it is "stopped".
    await createTask('invoices-cdc', false);
    const creating = await failureOf(replication.check(dmsSection(proxy.endpoint, 'invoices-cdc')));
    expect(creating).toMatchObject({ type: 'ReplicationTaskNotRunning', nonRetryable: true });
    expect(creating.message).toContain('replication task invoices-cdc is "creating", not running: start it before the cutover');

    const arn = await createTask('payments-cdc', true);
    await dms.send(new StopReplicationTaskCommand({ ReplicationTaskArn: arn }));
    const stopped = await failureOf(replication.check(dmsSection(proxy.endpoint, 'payments-cdc')));
    expect(stopped.message).toContain('replication task payments-cdc is "stopped", not running: start it before the cutover');
  });

  test('a task that does not exist is a non-retryable error that says so', async () => {
    const failure = await failureOf(replication.check(dmsSection(proxy.endpoint, 'orders-cdc-typo')));
    expect(failure).toMatchObject({ type: 'ReplicationTaskNotFound', nonRetryable: true });
    expect(failure.message).toContain('replication task orders-cdc-typo does not exist');
  });

  test('lag is the larger of the source and target CDC latency, looked up by instance and task resource id', async () => {
    await createTask('shipments-cdc', true);
    await putLatency('shipments-cdc', { source: 4, target: 9 });
    await putLatency('shipments-cdc', { source: 2 }, Date.now() - 30_000);
    // Another task's latency does not count.
    await putLatency('other-cdc', { source: 120, target: 120 });
    const section = dmsSection(proxy.endpoint, 'shipments-cdc');
    expect(await replication.lagSeconds(section)).toBe(9);

    await putLatency('shipments-cdc', { source: 12 });
    expect(await replication.lagSeconds(section)).toBe(12);
    // The task's dimensions were looked up once and kept.
    const lookups = proxy.requests().filter((request) => request.target?.endsWith('.DescribeReplicationInstances'));
    expect(lookups).toHaveLength(1);
  });

  test('lag is null when the task has published no latency in the last minute', async () => {
    await createTask('refunds-cdc', true);
    const section = dmsSection(proxy.endpoint, 'refunds-cdc');
    expect(await replication.lagSeconds(section)).toBeNull();
    await putLatency('refunds-cdc', { target: 30 }, Date.now() - 5 * 60_000);
    expect(await replication.lagSeconds(section)).toBeNull();
  });
});
