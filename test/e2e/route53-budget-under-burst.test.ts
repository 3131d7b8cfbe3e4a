/**
 * Many cutovers at once on one worker share one Route 53 budget: counted as they reach moto, Route 53
 * never sees more requests in a second than the worker's setting, and every cutover still completes.
 */
import { startCutover } from '../support/harness';
import { useLocalClouds } from '../support/local-clouds';
import { secondsOver } from '../support/request-rate';

const BUDGET = 3;
const CUTOVERS = 6;

const local = useLocalClouds({ dnsCallsPerSecond: BUDGET });

it(`keeps ${CUTOVERS} concurrent cutovers within ${BUDGET} Route 53 requests a second, counted at moto, and completes them all`, async () => {
  const { clouds, harness, taskQueue } = local();
  await clouds.replicatingTask('burst-cdc', 1);
  await clouds.queueDrainedAfter('burst-events', 0, 0);
  const records = Array.from({ length: CUTOVERS }, (_, i) => `shop-${i}.example.com`);
  const zones = await Promise.all(records.map((record) => clouds.weightedRecord(record)));
  const started = Date.now();

  const handles = await Promise.all(
    records.map((record, i) =>
      startCutover(
        harness,
        taskQueue,
        clouds.runbook(
          { name: `shop-${i}`, hostedZoneId: zones[i]!.hostedZoneId, record, task: 'burst-cdc', queue: 'burst-events' },
          { canary: { steps: [{ weight: 50, bake: '1s' }, { weight: 100, bake: '1s' }] } },
        ),
      ),
    ),
  );
  const results = await Promise.all(handles.map((handle) => handle.result()));
  // A request's line comes from moto through a pipe: give the last ones a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const arrivals = clouds.route53Arrivals(started).map((request) => request.at);

  expect(results.map((result) => result.outcome)).toEqual(records.map(() => 'completed'));
  for (const [i, record] of records.entries()) {
    expect(await clouds.weightsInMoto(zones[i]!.hostedZoneId, record)).toEqual({ blue: 0, green: 100 });
  }
  // Each cutover reads its weights and TTL, writes two steps and waits for each to be in sync.
  expect(arrivals.length).toBeGreaterThanOrEqual(CUTOVERS * 6);
  expect(secondsOver(BUDGET, arrivals)).toEqual([]);
}, 180_000);
