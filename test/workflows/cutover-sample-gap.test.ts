/**
 * An overloaded worker looks to a cutover like timers that fire late: no sample for a long time,
 * then sampling again. Stopping the only worker mid-bake for several intervals, then starting a
 * new one, is that, made certain.
 */
import { cutoverSuite, startWorker, timelineText, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';
import type { SimulatedCloud } from '../../activities/simulated';
import type { CutoverStatus } from '../../workflows/status';

const INTERVAL = 1_000;
/** Well past the shortest gap (15 s, and three intervals), on however loaded a machine. */
const SILENCE = 20_000;

function runbookWith(noData: 'pass' | 'fail') {
  return fastRunbook({
    canary: { steps: [{ weight: 20, bake: '30s' }, { weight: 100, bake: '500ms' }] },
    analysis: {
      interval: `${INTERVAL}ms`,
      consecutiveErrorLimit: 3,
      metrics: [
        {
          name: 'error-rate',
          provider: 'simulated',
          query: 'green.error_rate',
          baselineQuery: 'blue.error_rate',
          threshold: { above: 'baseline * 3' },
          for: '2s',
          noData,
          onBreach: 'rollback',
        },
      ],
    },
  });
}

describe('a silence between analysis samples while green has traffic', () => {
  const suite = cutoverSuite();

  async function silenceMidBake(cloud: SimulatedCloud, noData: 'pass' | 'fail'): Promise<CutoverStatus> {
    const first = await suite.startWorker(cloud);
    const handle = await suite.start(runbookWith(noData));
    await waitForStatus(handle, (status) => status.weights?.green === 20 && status.metrics['error-rate']?.verdict === 'pass', 60_000);
    await first.stop();
    const stoppedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, SILENCE));
    const restartedAt = Date.now();
    const second = await startWorker(suite.harness, cloud, first.taskQueue);
    try {
      const result = await handle.result();
      expect(cloud.metricReads('green.error_rate').filter((read) => read.at >= stoppedAt && read.at < restartedAt)).toEqual([]);
      return result;
    } finally {
      await second.stop();
    }
  }

  it('rolls back when the metric says no data fails, naming the silence', async () => {
    const cloud = fastCloud();
    const result = await silenceMidBake(cloud, 'fail');

    expect(result.outcome).toBe('rolled-back');
    const gap = result.timeline.find((entry) => entry.kind === 'sample-gap')!;
    expect(gap).toBeDefined();
    expect(gap.data).toMatchObject({ intervalMs: INTERVAL });
    expect(gap.data!.silenceMs as number).toBeGreaterThan(3 * INTERVAL);
    expect(result.sampling).toMatchObject({ gaps: 1, lastGap: { from: gap.data!.from, to: gap.data!.to } });
    expect(result.rollback?.cause).toMatchObject({ metric: 'error-rate', value: null });
    expect(result.reason).toMatch(/metric error-rate = no data/);
    expect(cloud.weights(fastRunbook().dns.record)).toEqual({ blue: 100, green: 0 });
    expect(cloud.notifications('sample-gap')[0]?.message).toMatch(/took no analysis sample for [\d.]+s while green had traffic/);
  });

  it('records and notifies the silence but carries on when the metric says no data passes', async () => {
    const cloud = fastCloud();
    const result = await silenceMidBake(cloud, 'pass');

    expect(result.outcome).toBe('completed');
    expect(result.sampling?.gaps).toBeGreaterThanOrEqual(1);
    expect(timelineText(result)).toMatch(/no analysis sample for [\d.]+s \(\d+ missed at every 1s\): judged as no data/);
    expect(cloud.notifications('sample-gap')).toHaveLength(result.sampling!.gaps);
    expect(cloud.notifications('rollback')).toHaveLength(0);
  });
});
