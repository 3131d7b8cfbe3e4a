import { formatDuration, formatElapsed, parseDuration } from '../../workflows/runbook/duration';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['1d', 86_400_000],
    ['1.5s', 1_500],
    ['1m30s500ms', 90_500],
    [' 2s ', 2_000],
    ['0s', 0],
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '5 s', '1h 30m', 's', '-5s', '5sec', '1.5.5s', '5S'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [250, '250ms'],
    [1_000, '1s'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [5_400_000, '1h30m'],
    [86_400_000, '24h'],
  ])('writes %i ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('keeps sub-second remainders so two different durations never print the same', () => {
    expect(formatDuration(1_500)).toBe('1s500ms');
    expect(formatDuration(2_000)).not.toBe(formatDuration(1_500));
  });

  it('writes what parseDuration reads back to the same value', () => {
    for (const ms of [1, 999, 1_001, 59_999, 61_000, 3_599_999, 90_061_001]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});

describe('formatElapsed', () => {
  it.each([
    [850, '850ms'],
    [2_102, '2.1s'],
    [59_940, '59.9s'],
    [95_000, '1m35s'],
  ])('writes %i ms as %j for people', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});
