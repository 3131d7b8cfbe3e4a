/**
 * How many refused decisions the record keeps. A refused attempt is worth keeping (someone tried to
 * pass a gate as someone else), but every recorded one grows the workflow's history: a flood of bad
 * Signals or Updates must not be able to push a cutover towards Temporal's history limit. So the
 * record keeps the first few per gate opening and per cutover, and counts the rest.
 */

/** Refusals recorded in the timeline per opening of a gate. */
export const REFUSALS_RECORDED_PER_OPENING = 20;
/** Refusals recorded in the timeline over the whole cutover, across its carried-over runs. */
export const REFUSALS_RECORDED_PER_CUTOVER = 100;

export interface RefusalCounts {
  /** Recorded in the timeline, over the cutover. */
  recorded: number;
  /** Recorded since the current gate opened (or since the start, before any gate). */
  recordedThisOpening: number;
  /** Refused and counted only, the record's budget being spent. */
  counted: number;
}

export const noRefusals = (): RefusalCounts => ({ recorded: 0, recordedThisOpening: 0, counted: 0 });

/** May one more refusal be recorded? */
export function refusalBudgetLeft(counts: RefusalCounts): boolean {
  return counts.recorded < REFUSALS_RECORDED_PER_CUTOVER && counts.recordedThisOpening < REFUSALS_RECORDED_PER_OPENING;
}

/** The counts after one more refusal, recorded when the budget allows. */
export function countRefusal(counts: RefusalCounts): { counts: RefusalCounts; record: boolean } {
  if (refusalBudgetLeft(counts)) return { record: true, counts: { ...counts, recorded: counts.recorded + 1, recordedThisOpening: counts.recordedThisOpening + 1 } };
  return { record: false, counts: { ...counts, counted: counts.counted + 1 } };
}
