/**
 * Blue and green on real local servers, for cutovers end to end: Route 53, SQS, DMS and CloudWatch
 * on moto; Prometheus scraping a sample service that stands for green. The worker under test gets
 * the same providers a production worker does (worker/providers.ts) with every section pointed at
 * these servers, so nothing between the workflow and the HTTP requests is simulated.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateEndpointCommand,
  CreateReplicationInstanceCommand,
  CreateReplicationTaskCommand,
  DatabaseMigrationServiceClient,
  StartReplicationTaskCommand,
} from '@aws-sdk/client-database-migration-service';
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, ListResourceRecordSetsCommand, Route53Client } from '@aws-sdk/client-route-53';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { httpProviders } from '../../activities/http';
import { createCutoverWorker, type CutoverWorker } from '../../worker/create-worker';
import { createWorkerProviders } from '../../worker/providers';
import { prometheusMetric } from '../../workflows/runbook/provider-sections';
import { runbookSchema, type Runbook, type RunbookInput } from '../../workflows/runbook/schema';
import type { Weights } from '../../workflows/decisions/traffic';
import { dmsTimestampsAsEpochSeconds, type Proxy, startProxy } from '../providers/aws/proxy';
import { connectHarness, type Harness, uniqueId, workflowBundle } from './harness';
import { type MotoRequest, type MotoServer, startMoto } from './moto';
import { type PrometheusServer, startPrometheus } from './prometheus';
import { type SampleService, startSampleService } from './sample-service';

const REGION = 'us-east-1';
const INSTANCE = 'cutover-ri';
const LAG_EVERY_MS = 2_000;
/** Green's error ratio over the last 5s, as analysis reads it. */
const ERROR_RATIO = 'sum(rate(http_requests_total{status="500"}[5s])) / sum(rate(http_requests_total[5s]))';
const HEAL_TIMEOUT_MS = 30_000;

export interface LocalClouds {
  moto: MotoServer;
  /** The Route 53 requests that reached moto at or after `since` (epoch ms), with when they arrived. */
  route53Arrivals(since: number): MotoRequest[];
  prometheus: PrometheusServer;
  /** Green's service: its error ratio is what analysis watches. */
  green: SampleService;
  /**
   * Green stops failing, and this resolves once Prometheus reads its error ratio at 0 again: the
   * rate window still holds the failures for a few seconds, and the next cutover must not see them.
   */
  healGreen(): Promise<void>;
  /** A zone with blue (weight 100) and green (weight 0) CNAME records named `record`. */
  /** Blue and green weighted records in a new zone; 100% blue unless `weights` says otherwise (a weight of 0 may be left out, as Route 53 may return it). */
  weightedRecord(record: string, weights?: { blue?: number; green?: number }): Promise<{ hostedZoneId: string }>;
  /** The weights moto holds for `record`, read with the SDK, not through the engine. */
  weightsInMoto(hostedZoneId: string, record: string): Promise<Weights>;
  /** A queue holding `messages` messages, which a consumer receives and deletes after `drainAfterMs`. */
  queueDrainedAfter(name: string, messages: number, drainAfterMs: number): Promise<void>;
  /** A running DMS task whose CDC latency is published every 2s at `lagSeconds`. */
  replicatingTask(task: string, lagSeconds: number): Promise<void>;
  /** A runbook on these servers: route53, dms, sqs and a prometheus error ratio, second-scale timings. */
  runbook(fields: { name: string; hostedZoneId: string; record: string; task: string; queue: string }, overrides?: Partial<RunbookInput>): Runbook;
  stop(): Promise<void>;
}

export async function startLocalClouds(): Promise<LocalClouds> {
  const undo: (() => Promise<unknown>)[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    process.env.AWS_ACCESS_KEY_ID ??= 'moto-test-key';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'moto-test-secret';
    const moto = await startMoto();
    undo.push(() => moto.stop());
    // moto writes DMS timestamps as ISO strings where the SDK reads epoch seconds.
    const dmsProxy: Proxy = await startProxy(moto.endpoint, {
      rewrite: (body, request) => (request.target?.startsWith('AmazonDMSv20160101.') ? dmsTimestampsAsEpochSeconds(body) : body),
    });
    undo.push(() => dmsProxy.close());
    const green = await startSampleService();
    undo.push(() => green.stop());
    green.startTraffic(20);
    const prometheus = await startPrometheus({ scrapeTargets: [green.target] });
    undo.push(() => prometheus.stop());

    const config = { region: REGION, endpoint: moto.endpoint };
    const route53 = new Route53Client(config);
    const sqs = new SQSClient(config);
    const cloudwatch = new CloudWatchClient(config);
    const dms = new DatabaseMigrationServiceClient({ region: REGION, endpoint: dmsProxy.endpoint });
    const instance = await dms.send(new CreateReplicationInstanceCommand({ ReplicationInstanceIdentifier: INSTANCE, ReplicationInstanceClass: 'dms.t3.medium' }));
    const endpoint = async (id: string, type: 'source' | 'target') =>
      (
        await dms.send(
          new CreateEndpointCommand({ EndpointIdentifier: id, EndpointType: type, EngineName: 'postgres', ServerName: `${id}.db.internal`, Port: 5432, DatabaseName: 'orders' }),
        )
      ).Endpoint!.EndpointArn!;
    const [source, target] = [await endpoint('orders-blue', 'source'), await endpoint('orders-green', 'target')];
    let zones = 0;
    const { prometheus: prometheusReader } = httpProviders({ env: {} }).metrics;

    return {
      moto,
      route53Arrivals: (since) => moto.requests(since).filter((request) => request.path.startsWith('/2013-04-01/')),
      prometheus,
      green,

      async healGreen() {
        green.setFailing(false);
        // Read as analysis reads it: the engine's own Prometheus provider.
        const errorRatio = prometheusMetric.parse({ provider: 'prometheus', name: 'error-ratio', threshold: { above: 0.2 }, endpoint: prometheus.endpoint, query: ERROR_RATIO });
        const deadline = Date.now() + HEAL_TIMEOUT_MS;
        for (;;) {
          const value = await prometheusReader.query(errorRatio, 'green');
          if (value === 0) return;
          if (Date.now() > deadline) throw new Error(`green's error ratio still reads ${value ?? 'no data'} ${HEAL_TIMEOUT_MS / 1000}s after it stopped failing`);
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      },

      async weightedRecord(record, weights = { blue: 100, green: 0 }) {
        zones += 1;
        const zone = await route53.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: `local-clouds-${zones}` }));
        const hostedZoneId = zone.HostedZone!.Id!;
        const weighted = (side: 'blue' | 'green', weight: number | undefined) => ({
          Action: 'CREATE' as const,
          ResourceRecordSet: { Name: record, Type: 'CNAME' as const, SetIdentifier: side, Weight: weight, TTL: 1, ResourceRecords: [{ Value: `${side}.example.net` }] },
        });
        await route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: hostedZoneId, ChangeBatch: { Changes: [weighted('blue', weights.blue), weighted('green', weights.green)] } }));
        return { hostedZoneId };
      },

      async weightsInMoto(hostedZoneId, record) {
        const answer = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: hostedZoneId }));
        const weightOf = (side: string) =>
          answer.ResourceRecordSets?.find((set) => set.Name?.replace(/\.$/, '') === record && set.SetIdentifier === side)?.Weight ?? 0;
        return { blue: weightOf('blue'), green: weightOf('green') };
      },

      async queueDrainedAfter(name, messages, drainAfterMs) {
        const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
        for (let i = 0; i < messages; i++) await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `order ${i}` }));
        const drain = async () => {
          for (;;) {
            const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
            if (Messages.length === 0) return;
            for (const message of Messages) await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
          }
        };
        timers.push(setTimeout(() => void drain(), drainAfterMs));
      },

      async replicatingTask(task, lagSeconds) {
        const created = await dms.send(
          new CreateReplicationTaskCommand({
            ReplicationTaskIdentifier: task,
            ReplicationInstanceArn: instance.ReplicationInstance!.ReplicationInstanceArn!,
            SourceEndpointArn: source,
            TargetEndpointArn: target,
            MigrationType: 'cdc',
            TableMappings: JSON.stringify({ rules: [] }),
          }),
        );
        const arn = created.ReplicationTask!.ReplicationTaskArn!;
        await dms.send(new StartReplicationTaskCommand({ ReplicationTaskArn: arn, StartReplicationTaskType: 'start-replication' }));
        // As DMS publishes it: per instance and task (the last segment of the task's ARN).
        const dimensions = [
          { Name: 'ReplicationInstanceIdentifier', Value: INSTANCE },
          { Name: 'ReplicationTaskIdentifier', Value: arn.split(':').at(-1)! },
        ];
        const publish = () =>
          cloudwatch.send(
            new PutMetricDataCommand({
              Namespace: 'AWS/DMS',
              MetricData: ['CDCLatencySource', 'CDCLatencyTarget'].map((MetricName) => ({
                MetricName,
                Dimensions: dimensions,
                Value: lagSeconds,
                Unit: 'Seconds' as const,
                Timestamp: new Date(),
              })),
            }),
          );
        await publish();
        timers.push(setInterval(() => void publish().catch(() => undefined), LAG_EVERY_MS));
      },

      runbook(fields, overrides = {}) {
        const aws = { region: REGION, endpoint: moto.endpoint };
        const input: RunbookInput = {
          name: fields.name,
          rpo: '5s',
          dns: { provider: 'route53', hostedZoneId: fields.hostedZoneId, record: fields.record, type: 'CNAME', blue: 'blue', green: 'green', ttl: '1s', syncTimeout: '30s', ...aws },
          replication: { provider: 'dms', task: fields.task, timeout: '30s', pollInterval: '1s', region: REGION, endpoint: dmsProxy.endpoint },
          drain: { provider: 'sqs', timeout: '30s', pollInterval: '1s', queues: [{ name: fields.queue }], ...aws },
          canary: { steps: [{ weight: 20, bake: '3s' }, { weight: 100, bake: '2s' }] },
          analysis: {
            interval: '1s',
            metrics: [
              {
                name: 'error-ratio',
                provider: 'prometheus',
                endpoint: prometheus.endpoint,
                query: ERROR_RATIO,
                threshold: { above: 0.2 },
                for: '1s',
                noData: 'pass',
              },
            ],
          },
          ...overrides,
        };
        return runbookSchema.parse(input);
      },

      async stop() {
        for (const timer of timers) clearTimeout(timer);
        for (const step of undo.reverse()) await step().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const timer of timers) clearTimeout(timer);
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  }
}

export interface LocalCloudsSuite {
  clouds: LocalClouds;
  harness: Harness;
  taskQueue: string;
}

/**
 * For a test file: the local clouds, a client, and a worker built as production builds it (every
 * provider, the DNS lane) with the given DNS budget, started before the tests and stopped after.
 */
export function useLocalClouds(options: { dnsCallsPerSecond?: number } = {}): () => LocalCloudsSuite {
  let suite: LocalCloudsSuite | undefined;
  let worker: CutoverWorker | undefined;
  let running: Promise<void> | undefined;
  beforeAll(async () => {
    const [clouds, harness] = await Promise.all([startLocalClouds(), connectHarness()]);
    suite = { clouds, harness, taskQueue: uniqueId('local-clouds') };
    worker = await createCutoverWorker({
      connection: harness.connection,
      taskQueue: suite.taskQueue,
      providers: createWorkerProviders({ route53CallsPerSecond: options.dnsCallsPerSecond }),
      workflowBundle: workflowBundle(),
      dnsCallsPerSecond: options.dnsCallsPerSecond,
    });
    running = worker.run();
  }, 90_000);
  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running;
    await suite?.harness.close();
    await suite?.clouds.stop();
  });
  return () => {
    if (!suite) throw new Error('the local clouds are not running: call useLocalClouds() at the top of the test file');
    return suite;
  };
}
