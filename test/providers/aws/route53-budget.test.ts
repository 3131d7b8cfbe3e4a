/**
 * The worker's one Route 53 budget: concurrent cutovers' calls are spread so that Route 53 (here
 * moto, counting requests as they arrive) never sees more than the budget in a second, and the SDK's
 * retries of throttling answers wait their turn in the same budget.
 */
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { awsProviders } from '../../../activities/aws';
import { route53Section, sdkConfig, useMoto } from './fixtures';
import { secondsOver } from '../../support/request-rate';
import { type Proxy, route53Error, startProxy } from './proxy';

const moto = useMoto();
let zoneId: string;

beforeAll(async () => {
  const route53 = new Route53Client(sdkConfig(moto().endpoint));
  const zone = await route53.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'budget' }));
  zoneId = zone.HostedZone!.Id!;
  const record = (setIdentifier: string, weight: number) => ({
    Name: 'orders.example.com',
    Type: 'CNAME' as const,
    SetIdentifier: setIdentifier,
    Weight: weight,
    TTL: 60,
    ResourceRecords: [{ Value: `${setIdentifier}.example.net` }],
  });
  await route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: { Changes: [record('blue', 100), record('green', 0)].map((set) => ({ Action: 'CREATE' as const, ResourceRecordSet: set })) },
    }),
  );
});

describe('Route 53 rate budget', () => {
  test('spreads a burst of 40 concurrent calls so moto sees at most 5 Route 53 requests in any second, and all succeed', async () => {
    const { route53: dns } = awsProviders({ route53CallsPerSecond: 5 }).dns;
    const section = route53Section(moto().endpoint, { hostedZoneId: zoneId });
    const started = Date.now();

    const answers = await Promise.all(Array.from({ length: 40 }, () => dns.readWeights(section)));

    expect(answers).toEqual(Array.from({ length: 40 }, () => ({ blue: 100, green: 0 })));
    const arrivals = (await moto().logged(40, started)).filter((request) => request.path.startsWith('/2013-04-01/'));
    expect(arrivals).toHaveLength(40);
    expect(secondsOver(5, arrivals.map((request) => request.at))).toEqual([]);
    // 40 requests at least 200ms apart: the last goes out 7.8s or more after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(7_800);
  });

  test('retries PriorRequestNotComplete and Throttling answers, each attempt waiting its turn in the budget', async () => {
    let refusals = 2;
    const proxy: Proxy = await startProxy(moto().endpoint, {
      intercept: (request) => {
        if (request.method !== 'POST' || !request.path.endsWith('/rrset') || refusals === 0) return undefined;
        refusals -= 1;
        return refusals === 1
          ? route53Error('PriorRequestNotComplete', 'The request was rejected because Route 53 was still processing a prior request.')
          : route53Error('Throttling', 'Rate exceeded');
      },
    });
    try {
      const { route53: dns } = awsProviders({ route53CallsPerSecond: 4 }).dns;
      const section = route53Section(proxy.endpoint, { hostedZoneId: zoneId });

      await dns.setWeights(section, { blue: 60, green: 40 });

      const attempts = proxy.requests();
      expect(attempts.map((request) => `${request.method} ${request.path.replace(/\?.*/, '')}`)).toEqual([
        `GET /2013-04-01/hostedzone/${zoneId.replace('/hostedzone/', '')}/rrset`,
        ...Array.from({ length: 3 }, () => `POST /2013-04-01/hostedzone/${zoneId.replace('/hostedzone/', '')}/rrset`),
      ]);
      const gaps = attempts.slice(1).map((request, i) => request.at - attempts[i]!.at);
      // 4 a second is one every 250ms, 275 with the jitter margin; a loaded machine can take tens
      // of ms off a gap between going and arriving. Without the budget the change follows the list
      // within a few ms, and each retry comes after a random backoff that may be shorter still.
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(150);
      expect(await dns.readWeights(route53Section(moto().endpoint, { hostedZoneId: zoneId }))).toEqual({ blue: 60, green: 40 });
    } finally {
      await proxy.close();
    }
  });
});
