/** The resources of a runbook as lease ids: the same thing in the same cloud is one id, whatever the spelling. */
import type { RunbookInput } from '../../workflows/runbook/schema';
import { escapePart, leaseResources, leaseWorkflowId, resourceProblem } from '../../workflows/leases/resources';
import { fastRunbook } from '../support/runbooks';

const scope = { taskQueue: 'cutovers' };
const ids = (overrides: Partial<RunbookInput>) => leaseResources(fastRunbook(overrides), scope).map((entry) => entry.resource);

const route53 = { provider: 'route53', record: 'Orders.Example.com.', hostedZoneId: 'Z123', blue: 'aws', green: 'azure', ttl: '60s' } as const;
const azure = {
  provider: 'azure',
  record: 'orders',
  zone: 'example.com',
  subscriptionId: 'sub-1',
  resourceGroup: 'RG-Orders',
  trafficManagerProfile: 'Orders-TM',
  blue: 'aws',
  green: 'azure',
  ttl: '60s',
} as const;

describe('lease resources of a runbook', () => {
  it('leases the simulated record within the task queue that holds the simulated cloud, and no replication task a frozen window only reads', () => {
    expect(ids({})).toEqual(['dns/simulated/cutovers/orders.example.com']);
  });

  it('names a Route 53 record by zone and name, case and trailing dot aside', () => {
    const a = ids({ dns: route53 });
    const b = ids({ dns: { ...route53, record: 'orders.example.com' } });
    expect(a[0]).toBe('dns/route53/Z123/orders.example.com');
    expect(a).toEqual(b);
  });

  it('tells a rehearsal endpoint and a region apart from AWS itself', () => {
    const local = ids({ dns: { ...route53, endpoint: 'http://localhost:5000/' } })[0];
    const region = ids({ dns: { ...route53, region: 'eu-west-1' } })[0];
    expect(local).toBe(`dns/route53@${escapePart('http://localhost:5000')}/Z123/orders.example.com`);
    expect(region).toBe('dns/route53@eu-west-1/Z123/orders.example.com');
  });

  it('leases both the Traffic Manager profile and the Azure DNS record', () => {
    expect(ids({ dns: azure })).toEqual([
      'dns/azure/sub-1/rg-orders/example.com/orders',
      'dns/azure/sub-1/rg-orders/trafficmanager/orders-tm',
    ]);
  });

  it('leases the reverse task and the writer under a write switch', () => {
    const runbook = fastRunbook({
      replication: { provider: 'dms', task: 'orders-fwd', reverseTask: 'orders-rev', timeout: '10s' },
      writes: { mode: 'switch', timeout: '1m', afterWriteSwitch: 'reverse-replication' },
    });
    expect(leaseResources(runbook, scope).map((entry) => [entry.kind, entry.resource])).toEqual([
      ['dns', 'dns/simulated/cutovers/orders.example.com'],
      ['replication', 'replication/dms/orders-fwd'],
      ['replication', 'replication/dms/orders-rev'],
      ['writer', 'writer/dms/orders-fwd'],
    ]);
  });

  it('escapes every part, so no name can run into the next part or fake another id', () => {
    const sneaky = ids({ dns: { ...route53, hostedZoneId: 'Z1/dns/route53/Z2' } })[0]!;
    expect(sneaky).toBe('dns/route53/Z1%2Fdns%2Froute53%2FZ2/orders.example.com');
    expect(sneaky.split('/')).toHaveLength(4);
  });

  it('gives every resource of two different records different ids, and sorted', () => {
    const one = ids({});
    const other = ids({ dns: { provider: 'simulated', record: 'payments.example.com', blue: 'a', green: 'b', ttl: '500ms' } });
    expect(one[0]).not.toBe(other[0]);
    expect([...one].sort()).toEqual(one);
  });

  it('names lease workflows apart from cutovers and waves', () => {
    expect(leaseWorkflowId('dns/simulated/q/x')).toBe('lease/dns/simulated/q/x');
  });

  it('refuses a typed resource that is not a lease id, saying what to write', () => {
    expect(resourceProblem('dns/route53/Z123/orders.example.com')).toBeNull();
    expect(resourceProblem('lease/dns/route53/Z123/orders.example.com')).toMatch(/without it/);
    expect(resourceProblem('orders.example.com')).toMatch(/cutover leases/);
    expect(resourceProblem('queue/sqs/x')).toMatch(/dns record, a replication task or a writer/);
    expect(resourceProblem('dns//x')).toMatch(/not a resource id/);
  });
});
