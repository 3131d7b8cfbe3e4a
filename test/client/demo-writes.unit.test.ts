import { writesSummary } from '../../client/demo/writes';
import type { LedgerSummary } from '../../activities/simulated';
import type { CutoverStatus } from '../../workflows/status';

const ledgers: LedgerSummary = {
  writer: 'blue',
  frozen: { blue: false, green: true },
  writes: { blue: 300, green: 120 },
  reverse: 'running',
  load: { attempted: 330, acknowledged: 300, refused: 30 },
  missingFromBlue: 0,
  carriedBack: 120,
  blueReopened: [{ at: 1, missing: 0 }],
  switches: [{ at: 0, to: 'green', missing: 0 }, { at: 1, to: 'blue', missing: 0 }],
};

function status(outcome: CutoverStatus['outcome'], switched: boolean): CutoverStatus {
  return {
    outcome,
    writes: { switched, windows: [{ side: 'blue', why: 'write-switch', start: '', end: '', durationMs: 1_200 }] },
  } as unknown as CutoverStatus;
}

describe('the demo summary of the data', () => {
  it('ends a rollback after the switch with the writes carried back and "0 writes lost", counted from the ledgers', () => {
    const lines = writesSummary(status('rolled-back', true), ledgers);
    expect(lines).toEqual([
      'writes    300 acknowledged, 30 refused while frozen, of 330 attempted (one every 50ms)',
      'frozen    write-switch: 1.2s without writes',
      'carried   120 writes acknowledged on green carried back to blue by reverse replication',
      'lost      0 writes lost: every write acknowledged on green was on blue before blue took writes again',
    ]);
  });

  it('counts what blue lacked when it took writes again, when it did', () => {
    const lines = writesSummary(status('rolled-back', true), { ...ledgers, blueReopened: [{ at: 1, missing: 7 }] });
    expect(lines.at(-1)).toBe('lost      7 writes lost: blue took writes again without them');
  });

  it('says a rollback before the switch moved traffic only', () => {
    expect(writesSummary(status('rolled-back', false), ledgers).at(-1)).toBe('lost      0: writes never left blue, so the rollback moved traffic only');
  });
});
