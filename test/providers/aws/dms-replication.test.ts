/**
 * DMS replication provider against moto: the task's status from DescribeReplicationTasks, and its
 * lag from the CDC latency metrics in CloudWatch (see dms-world for the proxy in front of moto).
 */
import { StopReplicationTaskCommand } from '@aws-sdk/client-database-migration-service';
import { awsProviders } from '../../../activities/aws';
import { dmsWorld, type DmsWorld } from './dms-world';
import { dmsSection, failureOf, useMoto } from './fixtures';

const moto = useMoto();
let world: DmsWorld;
let proxy: DmsWorld['proxy'];

beforeAll(async () => {
  world = await dmsWorld(moto());
  proxy = world.proxy;
});

afterAll(async () => {
  await world?.proxy.close();
});

const createTask = (id: string, start: boolean) => world.createTask(id, start);
const putLatency = (task: string, latency: { source?: number; target?: number }, at?: number) => world.putLatency(task, latency, at);

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
    await world.dms.send(new StopReplicationTaskCommand({ ReplicationTaskArn: arn }));
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
