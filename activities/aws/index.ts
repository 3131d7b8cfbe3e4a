/**
 * The AWS providers a worker serves: Route 53 weighted records for DNS, DMS for replication, SQS for
 * the drain, CloudWatch for metrics. All of them share one client per service, region and endpoint,
 * and every Route 53 request of the process goes through one rate budget.
 */
import type { DnsProvider, MetricProvider, QueueProvider, ReplicationProvider } from '../providers';
import { AwsClients } from './clients';
import { cloudwatchMetrics } from './cloudwatch';
import { dmsReplication } from './dms';
import { route53Dns } from './route53';
import { setRoute53CallsPerSecond } from './route53-budget';
import { sqsQueues } from './sqs';

export { DEFAULT_ROUTE53_CALLS_PER_SECOND } from './route53-budget';

export interface AwsProviderOptions {
  /**
   * Route 53 requests per second for the whole worker process (default 5, Route 53's per-account
   * limit). Lower it when other tools share the account's budget.
   */
  route53CallsPerSecond?: number;
}

export interface AwsProviders {
  dns: { route53: DnsProvider };
  replication: { dms: ReplicationProvider };
  queues: { sqs: QueueProvider };
  metrics: { cloudwatch: MetricProvider };
}

export function awsProviders(options: AwsProviderOptions = {}): AwsProviders {
  if (options.route53CallsPerSecond !== undefined) setRoute53CallsPerSecond(options.route53CallsPerSecond);
  const clients = new AwsClients();
  return {
    dns: { route53: route53Dns(clients) },
    replication: { dms: dmsReplication(clients) },
    queues: { sqs: sqsQueues(clients) },
    metrics: { cloudwatch: cloudwatchMetrics(clients) },
  };
}
