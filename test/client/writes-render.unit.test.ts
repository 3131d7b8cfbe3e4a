import { writesReport, writesText } from '../../client/render/writes';
import type { CutoverStatus } from '../../workflows/status';

type Writes = NonNullable<CutoverStatus['writes']>;

const base: Writes = {
  mode: 'switch',
  writer: 'blue',
  switched: false,
  greenFrozen: false,
  blueFrozen: false,
  windows: [],
  forwardLag: null,
  reverseLag: null,
  switchedAt: null,
  lagAtSwitch: null,
  reverseStartedAt: null,
  switchedBackAt: null,
  reverseWait: null,
  greenQueuesDrainedAt: null,
  lossWarning: null,
};
const time = (at: string) => at.slice(11, 19);

describe('writes on the status screen and in the report', () => {
  it('shows the freeze clock while writes are refused, with the forward lag', () => {
    const writes: Writes = {
      ...base,
      blueFrozen: true,
      windows: [{ side: 'blue', why: 'write-switch', start: '2026-11-29T10:00:00.000Z', end: null, durationMs: null }],
      forwardLag: { seconds: 0.3, at: '2026-11-29T10:00:01.000Z' },
    };
    expect(writesText(writes, Date.parse('2026-11-29T10:00:02.500Z'), time)).toBe(
      'writer blue; frozen: blue; writes refused for 2.5s (since 10:00:00); forward lag 0.3s',
    );
  });

  it('reports each freeze window, the lag at the switch and a rollback\'s reverse-lag wait', () => {
    const writes: Writes = {
      ...base,
      switched: true,
      greenFrozen: true,
      windows: [
        { side: 'blue', why: 'write-switch', start: '2026-11-29T10:00:00.000Z', end: '2026-11-29T10:00:01.200Z', durationMs: 1_200 },
        { side: 'green', why: 'rollback', start: '2026-11-29T10:05:00.000Z', end: '2026-11-29T10:05:02.000Z', durationMs: 2_000 },
      ],
      switchedAt: '2026-11-29T10:00:01.100Z',
      lagAtSwitch: 0,
      reverseWait: { startedAt: '2026-11-29T10:05:00.100Z', endedAt: '2026-11-29T10:05:01.600Z', firstLagSeconds: 1.4, lastLagSeconds: 0, metAt: '2026-11-29T10:05:01.600Z' },
      switchedBackAt: '2026-11-29T10:05:01.700Z',
    };
    const lines = writesReport(writes);
    expect(lines).toContain('- Freeze window (write switch, blue frozen first) from 2026-11-29T10:00:00.000Z to 2026-11-29T10:00:01.200Z: 1.2s');
    expect(lines).toContain('- Writes switched to green at 2026-11-29T10:00:01.100Z, forward lag 0s with blue frozen');
    expect(lines).toContain('- Reverse-lag wait from 2026-11-29T10:05:00.100Z: lag 1.4s at first, 0s at last, met after 1.5s');
  });

  it('puts the traffic-only warning first in the report', () => {
    expect(writesReport({ ...base, lossWarning: 'a rollback loses writes' })[0]).toBe('- **Warning:** a rollback loses writes');
  });
});
