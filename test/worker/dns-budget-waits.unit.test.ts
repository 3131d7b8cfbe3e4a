/**
 * The worker's metrics time each Route 53 request's wait for the DNS budget, by turn. A client whose
 * HTTP handler answers at once, in process, as in the budget's own tests.
 */
import { Readable } from 'node:stream';
import { GetChangeCommand, Route53Client } from '@aws-sdk/client-route-53';
import { asRollback, observeRoute53BudgetWaits, setRoute53CallsPerSecond, throughRoute53Budget } from '../../activities/aws/route53-budget';
import { ProductMetrics } from '../../worker/metrics/product-metrics';

const IN_SYNC = (id: string) =>
  `<?xml version="1.0"?><GetChangeResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeInfo><Id>${id}</Id><Status>INSYNC</Status><SubmittedAt>2026-01-01T00:00:00Z</SubmittedAt></ChangeInfo></GetChangeResponse>`;

function answeringClient(): Route53Client {
  const client = new Route53Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { path: string }) => ({
        response: { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: Readable.from([IN_SYNC(request.path.split('/').pop()!)]) },
      }),
    } as never,
  });
  throughRoute53Budget(client);
  return client;
}

describe('DNS budget waits in the worker metrics', () => {
  afterAll(() => {
    observeRoute53BudgetWaits(undefined);
    setRoute53CallsPerSecond(5);
  });

  test('times every request by its turn, the later ones of a burst waiting at least their spacing', async () => {
    setRoute53CallsPerSecond(10);
    const metrics = new ProductMetrics();
    observeRoute53BudgetWaits(metrics.dnsBudgetObserver);
    const client = answeringClient();
    const get = (id: string) => client.send(new GetChangeCommand({ Id: id }));

    await Promise.all([get('canary-0'), get('canary-1'), get('canary-2'), asRollback(() => get('rollback'))]);

    const text = await metrics.metrics();
    expect(text).toMatch(/^cutover_dns_budget_wait_seconds_count\{turn="routine"\} 3$/m);
    expect(text).toMatch(/^cutover_dns_budget_wait_seconds_count\{turn="rollback"\} 1$/m);
    // Four requests 110 ms apart: together they waited at least 110 + 220 + 330 ms, however loaded the machine.
    const waited = [...text.matchAll(/^cutover_dns_budget_wait_seconds_sum\{turn="\w+"\} ([\d.]+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
    expect(waited).toBeGreaterThanOrEqual(0.6);
  });
});
