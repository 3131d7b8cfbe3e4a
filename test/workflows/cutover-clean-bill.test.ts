import { cutoverSuite, timelineText, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';
import type { RunbookInput } from '../../workflows/runbook/schema';

/** One metric with a sustain window longer than the first bake: a crossing at the end of the bake is not a breach yet. */
function slowWindow(forWindow: string): Partial<RunbookInput> {
  const errorRate = {
    name: 'error-rate',
    provider: 'simulated',
    query: 'green.error_rate',
    baselineQuery: 'blue.error_rate',
    threshold: { above: 'baseline * 3' },
    for: forWindow,
    noData: 'inconclusive',
    onBreach: 'rollback',
  } as const;
  return {
    analysis: { interval: '1s', consecutiveErrorLimit: 3, metrics: [errorRate] },
    canary: { steps: [{ weight: 20, bake: '1s' }, { weight: 100, bake: '800ms' }] },
  };
}

describe('a step moves up only on a clean bill', () => {
  const suite = cutoverSuite();

  it('holds its weight while a crossed trigger builds, then rolls back when the window completes, with no write towards green', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    cloud.injectMetric('green.error_rate', { value: 0.3 });
    const handle = await suite.start(fastRunbook(slowWindow('6s')));

    const holding = await waitForStatus(handle, (status) => status.holding?.blockers.some((blocker) => blocker.cause === 'crossed') === true);
    expect(holding.holding).toMatchObject({ before: 'step 2/2', weights: { blue: 80, green: 20 } });
    expect(holding.holding?.reason).toMatch(/^metric error-rate = 0\.3 crosses its threshold above baseline × 3 = 0\.03, held [\d.]+m?s of its 6s sustain window/);
    const result = await handle.result();

    expect(result.outcome).toBe('rolled-back');
    expect(cloud.dnsWrites().map((write) => write.weights)).toEqual([{ blue: 80, green: 20 }, { blue: 100, green: 0 }]);
    expect(result.rollback?.cause).toMatchObject({ metric: 'error-rate', value: 0.3 });
    const hold = result.timeline.find((entry) => entry.kind === 'hold')!;
    expect(hold.message).toMatch(/^holding at blue 80% \/ green 20% before step 2\/2: /);
    expect(hold.seq).toBeLessThan(result.timeline.find((entry) => entry.kind === 'rollback')?.seq ?? 0);
    expect(result.holding).toBeNull();
  });

  it('moves on to the next weight only after the crossed metric clears', async () => {
    const cloud = fastCloud();
    await suite.startWorker(cloud);
    const handle = await suite.start(fastRunbook(slowWindow('30s')));
    await waitForStatus(handle, (status) => status.weights?.green === 20 && timelineText(status).includes('step 1/2: weights blue 80% / green 20% in sync'));
    // Four crossing samples (4s at a 1s interval): longer than the 1s bake, far shorter than the window.
    cloud.injectMetric('green.error_rate', { value: 0.3, samples: 4 });

    const result = await handle.result();

    expect(result.outcome).toBe('completed');
    const crossed = result.timeline.filter((entry) => entry.kind === 'hold' && (entry.data?.blockers as Array<{ cause: string }> | undefined)?.some((blocker) => blocker.cause === 'crossed'));
    expect(crossed.length).toBeGreaterThan(0);
    expect(timelineText(result)).toMatch(/clean bill after holding [\d.]+m?s: moving on to step 2\/2/);
    const toGreen = cloud.dnsWrites().find((write) => write.weights.green === 100)!;
    const lastCrossing = cloud.metricReads('green.error_rate').filter((read) => read.value === 0.3).at(-1)!;
    expect(toGreen.at).toBeGreaterThan(lastCrossing.at);
    expect(cloud.dnsWrites().map((write) => write.weights)).toEqual([{ blue: 80, green: 20 }, { blue: 0, green: 100 }]);
  });
});
