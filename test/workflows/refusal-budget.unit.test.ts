import { countRefusal, noRefusals, REFUSALS_RECORDED_PER_CUTOVER, REFUSALS_RECORDED_PER_OPENING, type RefusalCounts } from '../../workflows/decisions/refusal-budget';

function refuse(counts: RefusalCounts, times: number): RefusalCounts {
  for (let i = 0; i < times; i += 1) counts = countRefusal(counts).counts;
  return counts;
}

describe('the record of refused decisions', () => {
  it('records the first refusals of a gate opening and only counts the rest', () => {
    expect(refuse(noRefusals(), 50)).toEqual({ recorded: REFUSALS_RECORDED_PER_OPENING, recordedThisOpening: REFUSALS_RECORDED_PER_OPENING, counted: 50 - REFUSALS_RECORDED_PER_OPENING });
  });

  it('records again at the next opening, up to the bound of the whole cutover', () => {
    let counts = noRefusals();
    for (let opening = 0; opening < 10; opening += 1) counts = refuse({ ...counts, recordedThisOpening: 0 }, REFUSALS_RECORDED_PER_OPENING);
    expect(counts.recorded).toBe(REFUSALS_RECORDED_PER_CUTOVER);
    expect(countRefusal({ ...counts, recordedThisOpening: 0 }).record).toBe(false);
  });
});
