/**
 * One SDK client per service, region and endpoint, kept for the life of the worker so connections
 * and credentials are reused. Credentials always come from the SDK's default chain (environment,
 * shared config, SSO, container or instance role); a runbook names only a region and, for a local
 * server in rehearsal, an endpoint.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import { Route53Client } from '@aws-sdk/client-route-53';
import { SQSClient } from '@aws-sdk/client-sqs';
import { throughRoute53Budget } from './route53-budget';

/** Where a runbook section points: both optional. */
export interface AwsTarget {
  region?: string | undefined;
  endpoint?: string | undefined;
}

/** Route 53 is a global service, signed for us-east-1 in the aws partition. */
const ROUTE53_REGION = 'us-east-1';
/** When neither the section nor the SDK's default chain (AWS_REGION, shared config) names one. */
const FALLBACK_REGION = 'us-east-1';

/** A hung connection must fail the call (and be retried), not hold the activity until its timeout. */
const requestHandler = { connectionTimeout: 5_000, requestTimeout: 15_000, throwOnRequestTimeout: true };

/**
 * Throttling (Throttling, PriorRequestNotComplete, ...), timeouts and 5xx are retried by the SDK's
 * standard strategy with jittered exponential backoff; Route 53 gets more attempts, since many
 * cutovers share its budget and a concurrent change to the zone answers PriorRequestNotComplete.
 */
const ROUTE53_MAX_ATTEMPTS = 5;
const MAX_ATTEMPTS = 3;

let defaultRegion: Promise<string> | undefined;

/** The region the SDK's default chain finds, or FALLBACK_REGION; looked up once per process. */
function regionFromDefaultChain(): Promise<string> {
  defaultRegion ??= (async () => {
    const probe = new SQSClient({});
    try {
      return await probe.config.region();
    } catch {
      return FALLBACK_REGION;
    } finally {
      probe.destroy();
    }
  })();
  return defaultRegion;
}

export class AwsClients {
  private readonly clients = new Map<string, unknown>();

  route53(target: AwsTarget): Route53Client {
    return this.cached('route53', target, () => {
      const client = new Route53Client({ ...this.common(target, ROUTE53_REGION), maxAttempts: ROUTE53_MAX_ATTEMPTS });
      throughRoute53Budget(client);
      return client;
    });
  }

  dms(target: AwsTarget): DatabaseMigrationServiceClient {
    return this.cached('dms', target, () => new DatabaseMigrationServiceClient(this.common(target)));
  }

  cloudwatch(target: AwsTarget): CloudWatchClient {
    return this.cached('cloudwatch', target, () => new CloudWatchClient(this.common(target)));
  }

  sqs(target: AwsTarget): SQSClient {
    return this.cached('sqs', target, () => new SQSClient(this.common(target)));
  }

  private common(target: AwsTarget, defaultRegionOfService?: string) {
    return {
      region: target.region ?? defaultRegionOfService ?? regionFromDefaultChain,
      ...(target.endpoint !== undefined && { endpoint: target.endpoint }),
      retryMode: 'standard',
      maxAttempts: MAX_ATTEMPTS,
      requestHandler,
    };
  }

  private cached<C>(service: string, target: AwsTarget, create: () => C): C {
    const key = JSON.stringify([service, target.region ?? null, target.endpoint ?? null]);
    let client = this.clients.get(key);
    if (!client) {
      client = create();
      this.clients.set(key, client);
    }
    return client as C;
  }
}
