/**
 * Route 53 DNS provider against moto: weights, TTL and change status of two weighted records, read
 * and written over HTTP with the real SDK.
 */
import { ChangeResourceRecordSetsCommand, CreateHostedZoneCommand, ListResourceRecordSetsCommand, type ResourceRecordSet, Route53Client } from '@aws-sdk/client-route-53';
import { awsProviders } from '../../../activities/aws';
import { sameName } from '../../../activities/aws/route53-records';
import { fromRoute53Weights } from '../../../activities/aws/route53-weights';
import { failureOf, route53Section, sdkConfig, useMoto } from './fixtures';

const moto = useMoto();
let route53: Route53Client;
let zones = 0;

beforeAll(() => {
  route53 = new Route53Client(sdkConfig(moto().endpoint));
});

/** A new zone holding the given records (each created as written); returns its id. */
async function zoneWith(records: ResourceRecordSet[]): Promise<string> {
  zones += 1;
  const zone = await route53.send(new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: `zone-${zones}` }));
  const id = zone.HostedZone!.Id!;
  if (records.length) {
    await route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: id, ChangeBatch: { Changes: records.map((record) => ({ Action: 'CREATE', ResourceRecordSet: record })) } }));
  }
  return id;
}

function weighted(setIdentifier: string, fields: Partial<ResourceRecordSet> = {}): ResourceRecordSet {
  return { Name: 'orders.example.com', Type: 'CNAME', SetIdentifier: setIdentifier, TTL: 60, ResourceRecords: [{ Value: `${setIdentifier}.example.net` }], ...fields };
}

async function recordsIn(zoneId: string): Promise<ResourceRecordSet[]> {
  const answer = await route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
  return (answer.ResourceRecordSets ?? []).filter((set) => set.SetIdentifier !== undefined);
}

const { route53: dns } = awsProviders({ route53CallsPerSecond: 50 }).dns;

describe('Route 53 weighted records', () => {
  test('sets 90/10 then 100/0 in one change each and reads them back, weight 0 included', async () => {
    const zoneId = await zoneWith([weighted('blue', { Weight: 100 }), weighted('green', { Weight: 0 })]);
    const section = route53Section(moto().endpoint, { hostedZoneId: zoneId });
    expect(await dns.readWeights(section)).toEqual({ blue: 100, green: 0 });

    const since = Date.now();
    const { changeId } = await dns.setWeights(section, { blue: 90, green: 10 });
    // One read of the records, then one change batch with both weights.
    const changes = (await moto().logged(2, since)).filter((r) => r.method === 'POST' && r.path.endsWith('/rrset'));
    expect(changes).toHaveLength(1);
    expect(changeId).toMatch(/C[0-9A-Z]+$/);
    expect(await dns.readWeights(section)).toEqual({ blue: 90, green: 10 });

    await dns.setWeights(section, { blue: 100, green: 0 });
    expect(await dns.readWeights(section)).toEqual({ blue: 100, green: 0 });
    // Only the weight changed: TTL and targets are as they were created.
    expect(await recordsIn(zoneId)).toEqual([
      expect.objectContaining({ SetIdentifier: 'blue', Weight: 100, TTL: 60, ResourceRecords: [{ Value: 'blue.example.net' }] }),
      expect.objectContaining({ SetIdentifier: 'green', Weight: 0, TTL: 60, ResourceRecords: [{ Value: 'green.example.net' }] }),
    ]);
  });

  test('reads a weighted record that comes back without a Weight element as weight 0', async () => {
    const zoneId = await zoneWith([weighted('blue', { Weight: 100 }), weighted('green')]);
    expect((await recordsIn(zoneId)).find((set) => set.SetIdentifier === 'green')).not.toHaveProperty('Weight');
    expect(await dns.readWeights(route53Section(moto().endpoint, { hostedZoneId: zoneId }))).toEqual({ blue: 100, green: 0 });
  });

  test('reads weights set outside the engine as percents of their sum, and both 0 as an even split', () => {
    expect(fromRoute53Weights(3, 1)).toEqual({ blue: 75, green: 25 });
    expect(fromRoute53Weights(255, 0)).toEqual({ blue: 100, green: 0 });
    expect(fromRoute53Weights(1, 2)).toEqual({ blue: 33, green: 67 });
    expect(fromRoute53Weights(0, undefined)).toEqual({ blue: 50, green: 50 });
  });

  test('matches record names as Route 53 writes them: fully qualified, lower case, octal escapes', () => {
    expect(sameName('orders.example.com.', 'Orders.Example.com')).toBe(true);
    expect(sameName('\\052.example.com.', '*.example.com')).toBe(true);
    expect(sameName('orders.example.com.', 'orders.example.co')).toBe(false);
  });

  test('keeps alias targets when it moves weights, and takes the runbook TTL for an alias', async () => {
    const alias = (setIdentifier: string, weight: number): ResourceRecordSet => ({
      Name: 'orders.example.com',
      Type: 'A',
      SetIdentifier: setIdentifier,
      Weight: weight,
      AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: `${setIdentifier}-lb.us-east-1.elb.amazonaws.com`, EvaluateTargetHealth: true },
    });
    const zoneId = await zoneWith([alias('blue', 100), alias('green', 0)]);
    const section = route53Section(moto().endpoint, { hostedZoneId: zoneId, ttl: '45s' });

    await dns.setWeights(section, { blue: 70, green: 30 });
    expect(await dns.readWeights(section)).toEqual({ blue: 70, green: 30 });
    const green = (await recordsIn(zoneId)).find((set) => set.SetIdentifier === 'green');
    expect(green).toMatchObject({ Weight: 30, AliasTarget: { DNSName: expect.stringContaining('green-lb') } });
    expect(green).not.toHaveProperty('TTL');

    expect(await dns.readTtl(section)).toBe(45_000);
    const failure = await failureOf(dns.setTtl(section, 30_000));
    expect(failure).toMatchObject({ type: 'DnsRecordIsAlias', nonRetryable: true });
    expect(failure.message).toContain('remove dns.lowerTtlTo');
  });

  test('setTtl writes both records in whole seconds and readTtl reads the TTL back in milliseconds', async () => {
    const zoneId = await zoneWith([weighted('blue', { Weight: 100, TTL: 300 }), weighted('green', { Weight: 0, TTL: 300 })]);
    const section = route53Section(moto().endpoint, { hostedZoneId: zoneId });
    expect(await dns.readTtl(section)).toBe(300_000);

    const { changeId } = await dns.setTtl(section, 30_500);
    expect(await dns.isInSync(section, changeId)).toBe(true);
    expect(await dns.readTtl(section)).toBe(30_000);
    expect((await recordsIn(zoneId)).map((set) => [set.SetIdentifier, set.TTL, set.Weight])).toEqual([
      ['blue', 30, 100],
      ['green', 30, 0],
    ]);
  });

  test('reads the longer TTL when the two records differ', async () => {
    const zoneId = await zoneWith([weighted('blue', { Weight: 100, TTL: 60 }), weighted('green', { Weight: 0, TTL: 120 })]);
    expect(await dns.readTtl(route53Section(moto().endpoint, { hostedZoneId: zoneId }))).toBe(120_000);
  });

  test('isInSync follows the change id Route 53 returned (moto reports every change INSYNC at once)', async () => {
    const zoneId = await zoneWith([weighted('blue', { Weight: 100 }), weighted('green', { Weight: 0 })]);
    const section = route53Section(moto().endpoint, { hostedZoneId: zoneId });
    const { changeId } = await dns.setWeights(section, { blue: 50, green: 50 });
    expect(changeId).toMatch(/^\/change\//);
    expect(await dns.isInSync(section, changeId)).toBe(true);
  });

  test('a missing set identifier is a non-retryable error naming the zone, the record and the identifier', async () => {
    const zoneId = await zoneWith([weighted('blue', { Weight: 100 }), weighted('green', { Weight: 0 })]);
    const failure = await failureOf(dns.readWeights(route53Section(moto().endpoint, { hostedZoneId: zoneId, green: 'green-typo' })));
    expect(failure).toMatchObject({ type: 'DnsRecordNotFound', nonRetryable: true });
    expect(failure.message).toContain(zoneId);
    expect(failure.message).toContain('orders.example.com');
    expect(failure.message).toContain('"green-typo"');
    expect(failure.message).toContain('check dns.green');
  });

  test('a hosted zone that does not exist is a non-retryable error that says to check dns.hostedZoneId', async () => {
    const failure = await failureOf(dns.setWeights(route53Section(moto().endpoint, { hostedZoneId: 'Z0000000NOSUCHZONE' }), { blue: 100, green: 0 }));
    expect(failure).toMatchObject({ type: 'HostedZoneNotFound', nonRetryable: true });
    expect(failure.message).toContain('Z0000000NOSUCHZONE');
    expect(failure.message).toContain('check dns.hostedZoneId');
  });

  test('asks for dns.type when blue and green exist as both A and AAAA, and uses the type given', async () => {
    const address = (setIdentifier: string, type: 'A' | 'AAAA', weight: number): ResourceRecordSet => ({
      Name: 'orders.example.com',
      Type: type,
      SetIdentifier: setIdentifier,
      Weight: weight,
      TTL: 60,
      ResourceRecords: [{ Value: type === 'A' ? '192.0.2.1' : '2001:db8::1' }],
    });
    const zoneId = await zoneWith([address('blue', 'A', 100), address('green', 'A', 0), address('blue', 'AAAA', 100), address('green', 'AAAA', 0)]);
    const failure = await failureOf(dns.readWeights(route53Section(moto().endpoint, { hostedZoneId: zoneId })));
    expect(failure).toMatchObject({ type: 'DnsRecordAmbiguous', nonRetryable: true });
    expect(failure.message).toContain('set dns.type');

    const onlyA = route53Section(moto().endpoint, { hostedZoneId: zoneId, type: 'A' });
    await dns.setWeights(onlyA, { blue: 80, green: 20 });
    expect(await dns.readWeights(onlyA)).toEqual({ blue: 80, green: 20 });
    expect(await dns.readWeights(route53Section(moto().endpoint, { hostedZoneId: zoneId, type: 'AAAA' }))).toEqual({ blue: 100, green: 0 });
  });
});
