import { join } from 'node:path';
import { loadRunbook } from '../../client/runbook/load';
import { providerProblems } from '../../workflows/runbook/provider-rules';
import { azureDns, httpProbeMetric } from '../../workflows/runbook/provider-sections';
import type { Runbook } from '../../workflows/runbook/schema';
import { EXAMPLES } from './fixtures';

const example = (): Runbook => loadRunbook(join(EXAMPLES, 'aws-to-azure.yaml'));
const azure = (fields: Record<string, unknown> = {}) =>
  azureDns.parse({
    provider: 'azure',
    record: 'orders.example.com',
    ttl: '60s',
    subscriptionId: 'sub',
    resourceGroup: 'rg',
    zone: 'example.com',
    trafficManagerProfile: 'orders-tm',
    blue: 'orders-aws',
    green: 'orders-azure',
    ...fields,
  });

describe('provider rules', () => {
  it('accept the real-provider example as written', () => {
    expect(providerProblems(example())).toEqual([]);
  });

  it('refuse a Route 53 TTL that is not whole seconds, suggesting one', () => {
    const runbook = example();
    runbook.dns = { ...runbook.dns, ttl: 1_500, lowerTtlTo: undefined };
    expect(providerProblems(runbook)).toEqual([
      { path: 'dns.ttl', message: '1s500ms is not a whole number of seconds, which is all Route 53 stores: write e.g. "2s"' },
    ]);
  });

  it('refuse an Azure record outside its zone, and a final record of the other type', () => {
    const runbook = { ...example(), dns: azure({ record: 'orders.example.org', recordType: 'A', finalRecord: { cname: 'orders.azurewebsites.net' } }) };
    expect(providerProblems(runbook).map((problem) => problem.path)).toEqual(['dns.record', 'dns.finalRecord']);
    expect(providerProblems(runbook)[1]!.message).toContain('write finalRecord: { a: [203.0.113.10] }');
  });

  it('accept an Azure record at the zone apex or below it', () => {
    for (const record of ['example.com', 'orders.example.com', 'eu.orders.example.com.']) {
      expect(providerProblems({ ...example(), dns: azure({ record }) })).toEqual([]);
    }
  });

  it('refuse an http probe that could not finish within the time a sample may take', () => {
    const runbook = example();
    runbook.analysis.interval = 1_000;
    runbook.analysis.metrics = [
      httpProbeMetric.parse({ provider: 'http-probe', name: 'health', url: 'https://orders.example.com/healthz', measure: 'success-rate', requests: 20, timeout: '2s', threshold: { below: 0.99 } }),
    ];
    runbook.acceptance = undefined;
    expect(providerProblems(runbook)).toEqual([
      {
        path: 'analysis.metrics[0].timeout',
        message:
          '20 requests, 4 at a time, with a timeout of 2s can take 10s, longer than the 5s a sample may take at analysis.interval 1s: lower requests or timeout, or lengthen the interval',
      },
    ]);
  });
});
