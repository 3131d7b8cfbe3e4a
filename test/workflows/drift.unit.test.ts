import fc from 'fast-check';
import { driftOf, driftReadEveryMs, driftText, MAX_DRIFT_READ_EVERY_MS } from '../../workflows/decisions/drift';
import { weightsFor } from '../../workflows/decisions/traffic';
import { fromRoute53Weights, toRoute53Weights } from '../../activities/aws/route53-weights';
import { endpointWeight, percentsOf } from '../../activities/azure/weights';
import { fastRunbook } from '../support/runbooks';

const at = '2026-12-07T23:00:00.000Z';

describe('DNS drift', () => {
  it('is none when the record reads what the run expects', () => {
    expect(driftOf({ blue: 50, green: 50 }, 'written', { blue: 50, green: 50 }, at)).toBeNull();
  });

  it('keeps both weight sets when the record reads otherwise', () => {
    const drift = driftOf({ blue: 50, green: 50 }, 'written', { blue: 100, green: 0 }, at);
    expect(drift).toEqual({ read: { blue: 100, green: 0 }, expected: { blue: 50, green: 50 }, basis: 'written', readAt: at });
    expect(driftText(drift!)).toBe('DNS drift: reads blue 100 / green 0, wrote 50 / 50');
  });

  it('says where the expected weights came from when the run had not written them', () => {
    expect(driftText({ read: { blue: 90, green: 10 }, expected: { blue: 100, green: 0 }, basis: 'preflight' })).toBe('DNS drift: reads blue 90 / green 10, read 100 / 0 at preflight');
    expect(driftText({ read: { blue: 90, green: 10 }, expected: { blue: 100, green: 0 }, basis: 'accepted' })).toBe('DNS drift: reads blue 90 / green 10, accepted 100 / 0');
  });

  it('never sees drift in a weight the engine wrote to Route 53, weight-0 records without a Weight included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (green) => {
        const written = weightsFor(green);
        const stored = toRoute53Weights(written);
        // Route 53 may return a weight-0 record without its Weight element.
        const read = fromRoute53Weights(stored.blue === 0 ? undefined : stored.blue, stored.green === 0 ? undefined : stored.green);
        expect(driftOf(written, 'written', read, at)).toBeNull();
      }),
    );
  });

  it('never sees drift in a weight the engine wrote to Traffic Manager (1–1000, 0% disabled)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), (green) => {
        const written = weightsFor(green);
        const endpoint = (percent: number) => ({ enabled: percent > 0, weight: endpointWeight(percent) });
        const read = percentsOf(endpoint(written.blue), endpoint(written.green))!;
        expect(driftOf(written, 'written', read, at)).toBeNull();
      }),
    );
  });

  it('reads at least once per bake, no more often than once a TTL, and at least every five minutes', () => {
    const runbook = fastRunbook({ dns: { provider: 'simulated', record: 'r', blue: 'b', green: 'g', ttl: '1m', syncTimeout: '10s' }, canary: { steps: [{ weight: 10, bake: '10m' }, { weight: 100, bake: '4m' }] } });
    expect(driftReadEveryMs(runbook)).toBe(2 * 60_000);
    const shortBakes = { ...runbook, canary: { steps: [{ weight: 100, bake: 60_000 }] } };
    expect(driftReadEveryMs(shortBakes)).toBe(60_000);
    const longBakes = { ...runbook, canary: { steps: [{ weight: 100, bake: 4 * 3_600_000 }] } };
    expect(driftReadEveryMs(longBakes)).toBe(MAX_DRIFT_READ_EVERY_MS);
    for (const step of runbook.canary.steps) expect(driftReadEveryMs(runbook)).toBeLessThanOrEqual(step.bake);
  });
});
