/**
 * The reverse (green → blue) DMS task against moto: preflight finds it, the write switch starts it
 * once with the start type DMS requires, its status and lag are read like the forward task's.
 * moto leaves a created task "creating" where DMS moves on to "ready", and never fails one, so the
 * proxy in front of it reports those states for the tasks named below.
 */
import { StopReplicationTaskCommand } from '@aws-sdk/client-database-migration-service';
import { awsProviders } from '../../../activities/aws';
import { checkReplication } from '../../../activities/preflight-checks';
import type { Providers } from '../../../activities/providers';
import { replicationActivities } from '../../../activities/replication';
import type { Runbook } from '../../../workflows/runbook/schema';
import { dmsWorld, type DmsWorld } from './dms-world';
import { dmsSection, failureOf, useMoto } from './fixtures';

const FAILED_TASK = 'refunds-cdc-back';
const FAILURE = 'Last Error Replication task out of memory. Stop Reason FATAL_ERROR Error Level FATAL';

const moto = useMoto();
let world: DmsWorld;

beforeAll(async () => {
  world = await dmsWorld(moto(), (answer) => {
    const tasks = (answer.ReplicationTasks as Record<string, unknown>[] | undefined) ?? [];
    for (const task of tasks) {
      if (task.ReplicationTaskIdentifier === FAILED_TASK) Object.assign(task, { Status: 'failed', LastFailureMessage: FAILURE });
      else if (task.Status === 'creating') task.Status = 'ready';
    }
  });
});

afterAll(async () => {
  await world?.proxy.close();
});

const { dms: replication } = awsProviders().replication;
const providers: Providers = { dns: {}, replication: { dms: replication }, queues: {}, metrics: {}, hooks: {}, notifiers: {} };
const section = (task: string, reverseTask?: string) => dmsSection(world.proxy.endpoint, task, reverseTask === undefined ? {} : { reverseTask });
const startCalls = () => world.proxy.requests().filter((request) => request.target === 'AmazonDMSv20160101.StartReplicationTask');

describe('DMS reverse replication', () => {
  test('preflight accepts a reverse task that waits ready, and refuses one that does not exist', async () => {
    await world.createTask('orders-cdc', true);
    await world.createTask('orders-cdc-back', false);
    await replication.check(section('orders-cdc', 'orders-cdc-back'));

    const missing = await failureOf(replication.check(section('orders-cdc', 'orders-cdc-bakc')));
    expect(missing).toMatchObject({ type: 'ReplicationTaskNotFound', nonRetryable: true });
    expect(missing.message).toContain('replication task orders-cdc-bakc does not exist in DMS (or not in this region): check replication.reverseTask and replication.region');
  });

  test('preflight refuses a failed reverse task, saying its last failure', async () => {
    await world.createTask('refunds-cdc', true);
    await world.createTask(FAILED_TASK, false);
    const failed = await failureOf(replication.check(section('refunds-cdc', FAILED_TASK)));
    expect(failed).toMatchObject({ type: 'ReverseTaskUnusable', nonRetryable: true });
    expect(failed.message).toContain(`reverse replication task ${FAILED_TASK} is "failed" (last failure: ${FAILURE})`);
  });

  test('the switch starts a task that never ran with start-replication, once however often it is asked', async () => {
    await world.createTask('shipments-cdc', true);
    const arn = await world.createTask('shipments-cdc-back', false);
    const config = section('shipments-cdc', 'shipments-cdc-back');
    const before = startCalls().length;
    expect(await replication.reverseStatus(config)).toEqual({ running: false, status: 'ready' });

    await replication.startReverse(config);
    expect(await replication.reverseStatus(config)).toEqual({ running: true, status: 'running' });
    await replication.startReverse(config);
    await replication.startReverse(section('shipments-cdc', arn));

    const starts = startCalls().slice(before);
    expect(starts).toHaveLength(1);
    expect(JSON.parse(starts[0]!.body!)).toEqual({ ReplicationTaskArn: arn, StartReplicationTaskType: 'start-replication' });
  });

  test('the switch resumes a task that ran before and was stopped with resume-processing', async () => {
    await world.createTask('invoices-cdc', true);
    const arn = await world.createTask('invoices-cdc-back', true);
    await world.dms.send(new StopReplicationTaskCommand({ ReplicationTaskArn: arn }));
    const config = section('invoices-cdc', 'invoices-cdc-back');
    expect(await replication.reverseStatus(config)).toEqual({ running: false, status: 'stopped' });
    const before = startCalls().length;

    await replication.startReverse(config);
    const starts = startCalls().slice(before);
    expect(starts.map((start) => JSON.parse(start.body!).StartReplicationTaskType)).toEqual(['resume-processing']);
    expect(await replication.reverseStatus(config)).toMatchObject({ running: true });
  });

  test('a failed reverse task is not started: a non-retryable error names its state and last failure', async () => {
    await world.createTask('payments-cdc', true);
    const before = startCalls().length;
    const config = section('payments-cdc', FAILED_TASK);
    const failure = await failureOf(replication.startReverse(config));
    expect(failure).toMatchObject({ type: 'ReverseTaskFailed', nonRetryable: true });
    expect(failure.message).toContain(`reverse replication task ${FAILED_TASK} cannot be started: it is "failed" (last failure: ${FAILURE})`);
    expect(startCalls().length).toBe(before);
    expect(await replication.reverseStatus(config)).toEqual({ running: false, status: `failed (last failure: ${FAILURE})` });
  });

  test('without a reverse task, starting and reading reverse replication is a non-retryable error naming the field', async () => {
    const config = section('orders-cdc');
    for (const call of [replication.startReverse(config), replication.reverseStatus(config), replication.lagSeconds(config, 'reverse')]) {
      const failure = await failureOf(call);
      expect(failure).toMatchObject({ type: 'NoReverseReplication', nonRetryable: true });
      expect(failure.message).toContain('name the green → blue DMS task in replication.reverseTask');
    }
  });

  test('reverse lag is the reverse task CDC latency, apart from the forward one', async () => {
    await world.createTask('stock-cdc', true);
    await world.createTask('stock-cdc-back', false);
    const config = section('stock-cdc', 'stock-cdc-back');
    expect(await replication.lagSeconds(config, 'reverse')).toBeNull();

    await world.putLatency('stock-cdc', { source: 40, target: 45 });
    await world.putLatency('stock-cdc-back', { source: 2, target: 3 });
    expect(await replication.lagSeconds(config, 'reverse')).toBe(3);
    expect(await replication.lagSeconds(config, 'forward')).toBe(45);
    expect(await replication.lagSeconds(config)).toBe(45);
  });

  test('preflight shows the reverse task state; when it already runs, refuses a write switch and warns a frozen window', async () => {
    await world.createTask('carts-cdc', true);
    const arn = await world.createTask('carts-cdc-back', false);
    const runbook = { replication: section('carts-cdc', 'carts-cdc-back'), writes: { mode: 'frozen' } } as Runbook;
    const switching = { ...runbook, writes: { mode: 'switch' } } as Runbook;
    await world.putLatency('carts-cdc', { source: 1, target: 2 });

    const waiting = await checkReplication(providers, runbook);
    expect(waiting).toEqual({
      checked: ['replication task carts-cdc: running, lag 2s', 'reverse replication carts-cdc-back: ready'],
      warnings: [],
      problems: [],
    });

    await replication.startReverse(section('carts-cdc', arn));
    const running = await checkReplication(providers, runbook);
    expect(running.warnings).toEqual([expect.stringContaining('reverse replication carts-cdc-back already runs before the write switch')]);
    expect(running.problems).toEqual([]);
    const refused = await checkReplication(providers, switching);
    expect(refused.problems).toEqual([expect.stringContaining("reverse replication carts-cdc-back is already running, but this runbook's write switch starts it only once green takes writes")]);
    expect(refused.warnings).toEqual([]);
  });

  test('the activities start the reverse task, read its status and its lag, and keep the failure types', async () => {
    const activities = replicationActivities(providers);
    await world.createTask('wallets-cdc', true);
    await world.createTask('wallets-cdc-back', false);
    const config = section('wallets-cdc', 'wallets-cdc-back');

    await activities.startReverseReplication({ replication: config });
    await activities.startReverseReplication({ replication: config });
    expect(await activities.readReverseReplication({ replication: config })).toEqual({ running: true, status: 'running', at: expect.any(Number) });
    await world.putLatency('wallets-cdc-back', { target: 4 });
    expect(await activities.readReplicationLag({ replication: config, direction: 'reverse' })).toEqual({ lagSeconds: 4, at: expect.any(Number) });

    const failure = await failureOf(activities.startReverseReplication({ replication: section('wallets-cdc', FAILED_TASK) }));
    expect(failure).toMatchObject({ type: 'ReverseTaskFailed', nonRetryable: true });
    expect(failure.message).toMatch(/^starting the reverse replication of wallets-cdc: reverse replication task refunds-cdc-back cannot be started/);
  });
});
