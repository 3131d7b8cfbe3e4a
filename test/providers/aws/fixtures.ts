/**
 * What the AWS provider tests share: one moto server per test file, dummy credentials for it (moto
 * accepts any; the providers read them through the SDK's default chain, as in production), and
 * runbook sections pointing at it.
 */
import {
  type CloudwatchMetric,
  cloudwatchMetric,
  type DmsReplication,
  dmsReplication,
  type Route53Dns,
  route53Dns,
  type SqsDrain,
  sqsDrain,
} from '../../../workflows/runbook/provider-sections';
import { type MotoServer, startMoto } from '../../support/moto';

export const REGION = 'us-east-1';

process.env.AWS_ACCESS_KEY_ID = 'moto-test-key';
process.env.AWS_SECRET_ACCESS_KEY = 'moto-test-secret';
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_PROFILE;

/** Starts moto before the file's tests and stops it after; `moto()` is the running server. */
export function useMoto(): () => MotoServer {
  let server: MotoServer | undefined;
  beforeAll(async () => {
    server = await startMoto();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('moto is not running: call useMoto() at the top of the test file');
    return server;
  };
}

/** Config for the SDK clients a test uses to set the scene in moto. */
export function sdkConfig(endpoint: string) {
  return { region: REGION, endpoint };
}

/** A runbook's dns section for Route 53, as the schema reads it (durations written as in a runbook). */
export function route53Section(endpoint: string, fields: { hostedZoneId: string; [field: string]: unknown }): Route53Dns {
  return route53Dns.parse({ provider: 'route53', record: 'orders.example.com', ttl: '60s', blue: 'blue', green: 'green', region: REGION, endpoint, ...fields });
}

export function dmsSection(endpoint: string, task: string, fields: Record<string, unknown> = {}): DmsReplication {
  return dmsReplication.parse({ provider: 'dms', task, timeout: '10m', region: REGION, endpoint, ...fields });
}

export function sqsSection(endpoint: string, queues: string[]): SqsDrain {
  return sqsDrain.parse({ provider: 'sqs', timeout: '10m', queues: queues.map((name) => ({ name })), region: REGION, endpoint });
}

export function cloudwatchSection(endpoint: string, fields: Record<string, unknown>): CloudwatchMetric {
  return cloudwatchMetric.parse({
    provider: 'cloudwatch',
    name: 'error_rate',
    threshold: { above: 0.05 },
    namespace: 'Orders',
    metricName: 'ErrorRate',
    region: REGION,
    endpoint,
    ...fields,
  });
}

/** The ApplicationFailure a provider call rejected with (or a test failure if it resolved). */
export async function failureOf(call: Promise<unknown>): Promise<{ message: string; type?: string | null; nonRetryable?: boolean }> {
  try {
    await call;
  } catch (error) {
    return error as { message: string; type?: string | null; nonRetryable?: boolean };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
