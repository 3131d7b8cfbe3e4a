/**
 * Many cutovers share one worker and one DNS budget. A rollback's DNS calls go on a lane of their
 * own, so they never wait behind other cutovers' canary writes and sync polls. The budget here is
 * tiny, so the canary lane holds a backlog of many seconds: the proof is in the order of the
 * writes, not in how fast they went.
 */
import { createCutoverWorker } from '../../worker/create-worker';
import { SimulatedCloud } from '../../activities/simulated';
import { connectHarness, startCutover, uniqueId, waitForStatus, workflowBundle, type Harness } from '../support/harness';
import { fastRunbook, fastScenario } from '../support/runbooks';
import { statusQuery } from '../../workflows/messages';

const BREACHING = 'breaching.example.com';
/** One DNS call every two seconds on each lane. */
const DNS_CALLS_PER_SECOND = 0.5;
const OTHERS = 8;
const otherRecord = (index: number) => `other-${index}.example.com`;

describe('a rollback among many cutovers on one DNS budget', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await connectHarness();
  });
  afterAll(async () => harness.close());

  it('writes DNS back to blue before other cutovers whose canary writes were already waiting', async () => {
    const scenario = fastScenario();
    scenario.dns![BREACHING] = { ttlMs: 500, syncDelayMs: 50 };
    for (let index = 0; index < OTHERS; index++) scenario.dns![otherRecord(index)] = { ttlMs: 500, syncDelayMs: 50 };
    scenario.metrics!['green.breaching_error_rate'] = 0.01;
    scenario.metrics!['blue.breaching_error_rate'] = 0.01;
    const cloud = SimulatedCloud.create({ scenario });
    const taskQueue = uniqueId('lanes');
    const worker = await createCutoverWorker({ connection: harness.connection, taskQueue, providers: cloud.providers(), workflowBundle: workflowBundle(), dnsCallsPerSecond: DNS_CALLS_PER_SECOND });
    const running = worker.run();
    const others: Awaited<ReturnType<typeof startCutover>>[] = [];
    try {
      const breaching = await startCutover(
        harness,
        taskQueue,
        fastRunbook({
          name: 'breaching',
          dns: { provider: 'simulated', record: BREACHING, blue: 'b-aws', green: 'b-azure', ttl: '500ms', syncTimeout: '2m' },
          canary: { steps: [{ weight: 20, bake: '10m' }, { weight: 100, bake: '1s' }] },
          analysis: {
            interval: '1s',
            metrics: [{ name: 'error-rate', provider: 'simulated', query: 'green.breaching_error_rate', baselineQuery: 'blue.breaching_error_rate', threshold: { above: 'baseline * 3' }, for: '0s' }],
          },
        }),
      );
      await waitForStatus(breaching, (status) => status.weights?.green === 20 && status.metrics['error-rate']?.verdict === 'pass', 90_000);

      for (let index = 0; index < OTHERS; index++) {
        others.push(
          await startCutover(
            harness,
            taskQueue,
            fastRunbook({ name: `other-${index}`, dns: { provider: 'simulated', record: otherRecord(index), blue: 'o-aws', green: 'o-azure', ttl: '500ms', syncTimeout: '10m' }, canary: { steps: [{ weight: 20, bake: '10m' }, { weight: 100, bake: '1s' }] } }),
          ),
        );
      }
      // Every other cutover has reached its canary, and most still wait for their first DNS write.
      const waitingForDns = async () => {
        const statuses = await Promise.all(others.map((handle) => handle.query(statusQuery)));
        return statuses.every((status) => status.phase === 'canary') ? statuses.filter((status) => status.weights?.green === 0).length : 0;
      };
      const deadline = Date.now() + 90_000;
      while ((await waitingForDns()) < OTHERS / 2) {
        if (Date.now() > deadline) {
          const statuses = await Promise.all(others.map((handle) => handle.query(statusQuery)));
          throw new Error(`the other cutovers never all reached their canary with writes waiting: ${statuses.map((status) => `${status.phase} ${JSON.stringify(status.weights)} ${status.outcome} ${status.reason}`).join('; ')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      cloud.injectMetric('green.breaching_error_rate', { value: 0.25 });

      const result = await breaching.result();

      expect(result.outcome).toBe('rolled-back');
      const rollbackWrite = cloud.dnsWrites(BREACHING).find((write) => write.weights.blue === 100)!;
      // Without its own lane, the rollback's write queues behind every canary write already waiting.
      const otherWritesBefore = cloud.dnsWrites().filter((write) => write.record !== BREACHING && write.at < rollbackWrite.at);
      expect(otherWritesBefore.length).toBeLessThan(OTHERS);
      expect(cloud.weights(BREACHING)).toEqual({ blue: 100, green: 0 });
    } finally {
      await Promise.allSettled(others.map((handle) => handle.terminate('test over')));
      worker.shutdown();
      await running;
    }
  });
});
