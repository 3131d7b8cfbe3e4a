/**
 * One change in flight per hosted zone: concurrent cutovers writing records of one zone (a wave puts
 * many applications in one zone) send each change only after the zone's previous change reads
 * INSYNC, so Route 53 never has two PENDING changes of the zone (it would answer
 * PriorRequestNotComplete). moto says INSYNC at once; a proxy in front of it answers PENDING to the
 * first reads of each change, as Route 53 does while a change propagates.
 */
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, type ResourceRecordSet, Route53Client } from '@aws-sdk/client-route-53';
import { awsProviders } from '../../../activities/aws';
import { route53Section, sdkConfig, useMoto } from './fixtures';
import { type Proxy, startProxy } from './proxy';

const moto = useMoto();
const RECORDS = ['orders', 'billing', 'search', 'mail'];
const PENDING_READS = 2;
let zoneId: string;

function weighted(name: string, side: string, weight: number): ResourceRecordSet {
  return { Name: `${name}.example.com`, Type: 'CNAME', SetIdentifier: side, Weight: weight, TTL: 60, ResourceRecords: [{ Value: `${name}-${side}.example.net` }] };
}

beforeAll(async () => {
  const route53 = new Route53Client(sdkConfig(moto().endpoint));
  const zone = await route53.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: 'one-change-in-flight' }));
  zoneId = zone.HostedZone!.Id!;
  const records = RECORDS.flatMap((name) => [weighted(name, 'blue', 100), weighted(name, 'green', 0)]);
  await route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: records.map((set) => ({ Action: 'CREATE' as const, ResourceRecordSet: set })) } }));
});

/** A proxy where each change reads PENDING for its first reads, logging when each was sent and first read INSYNC. */
async function propagatingRoute53() {
  const sent: { changeId: string; at: number }[] = [];
  const inSyncAt = new Map<string, number>();
  const reads = new Map<string, number>();
  const proxy: Proxy = await startProxy(moto().endpoint, {
    rewrite: (body, request) => {
      const changeId = /<Id>(?:\/change\/)?([^<]+)<\/Id>/.exec(body)?.[1];
      if (!changeId) return body;
      if (request.method === 'POST' && request.path.endsWith('/rrset')) sent.push({ changeId, at: request.at });
      if (request.method !== 'GET' || !request.path.includes('/change/')) return body;
      const read = (reads.get(changeId) ?? 0) + 1;
      reads.set(changeId, read);
      if (read <= PENDING_READS) return body.replace('<Status>INSYNC</Status>', '<Status>PENDING</Status>');
      if (!inSyncAt.has(changeId)) inSyncAt.set(changeId, Date.now());
      return body;
    },
  });
  return { proxy, sent, inSyncAt };
}

describe('one change in flight per hosted zone', () => {
  test('concurrent cutovers on one zone send each change only after the previous one reads INSYNC', async () => {
    const { proxy, sent, inSyncAt } = await propagatingRoute53();
    try {
      const { route53: dns } = awsProviders({ route53CallsPerSecond: 50 }).dns;
      const section = (name: string) => route53Section(proxy.endpoint, { hostedZoneId: zoneId, record: `${name}.example.com` });

      await Promise.all(RECORDS.map((name) => dns.setWeights(section(name), { blue: 90, green: 10 })));

      expect(sent).toHaveLength(RECORDS.length);
      for (let i = 1; i < sent.length; i++) {
        const previous = sent[i - 1]!.changeId;
        expect({ change: i, previousInSyncBeforeSent: (inSyncAt.get(previous) ?? Infinity) <= sent[i]!.at }).toEqual({ change: i, previousInSyncBeforeSent: true });
      }
      for (const name of RECORDS) expect(await dns.readWeights(section(name))).toEqual({ blue: 90, green: 10 });
    } finally {
      await proxy.close();
    }
  });

  test('a writer after a change its cutover already saw INSYNC sends its own change without asking again', async () => {
    const { proxy, sent } = await propagatingRoute53();
    try {
      const { route53: dns } = awsProviders({ route53CallsPerSecond: 50 }).dns;
      const section = (name: string) => route53Section(proxy.endpoint, { hostedZoneId: zoneId, record: `${name}.example.com` });
      const { changeId } = await dns.setWeights(section('orders'), { blue: 50, green: 50 });
      while (!(await dns.isInSync(section('orders'), changeId))) await new Promise((resolve) => setTimeout(resolve, 50));
      const seenAt = Date.now();

      await dns.setWeights(section('billing'), { blue: 50, green: 50 });

      const after = proxy.requests().filter((request) => request.at >= seenAt);
      expect(after.map((request) => `${request.method} ${request.path.includes('/change/') ? 'change' : 'rrset'}`)).toEqual(['GET rrset', 'POST rrset']);
      expect(sent).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });
});
