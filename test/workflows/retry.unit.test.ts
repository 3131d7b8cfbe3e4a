import { decideRetry, PROVIDER_BACKOFF } from '../../workflows/decisions/retry';

const NOW = 1_000_000;

describe('retrying a failed provider call inside a phase', () => {
  it('tries again after a backoff that doubles from the first failure', () => {
    const delays = [1, 2, 3, 4].map((attempts) => decideRetry({ kind: 'provider', attempts, now: NOW, deadline: NOW + 60_000, overtime: 0 }));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000].map((delayMs) => ({ action: 'retry', delayMs })));
  });

  it('never waits longer than the longest backoff', () => {
    expect(decideRetry({ kind: 'provider', attempts: 40, now: NOW, deadline: NOW + 3_600_000, overtime: 0 })).toEqual({ action: 'retry', delayMs: PROVIDER_BACKOFF.maxMs });
  });

  it('makes the last try on the deadline rather than after it', () => {
    expect(decideRetry({ kind: 'provider', attempts: 5, now: NOW, deadline: NOW + 1_200, overtime: 0 })).toEqual({ action: 'retry', delayMs: 1_200 });
  });

  it('gives up once the phase\'s time has run out', () => {
    expect(decideRetry({ kind: 'provider', attempts: 2, now: NOW, deadline: NOW, overtime: 0 })).toEqual({ action: 'give-up', why: 'timeout' });
    expect(decideRetry({ kind: 'provider', attempts: 1, now: NOW + 1, deadline: NOW, overtime: 0 })).toEqual({ action: 'give-up', why: 'timeout' });
  });

  it('gives up at once on an error no retry can fix, with time left', () => {
    expect(decideRetry({ kind: 'permanent', attempts: 1, now: NOW, deadline: NOW + 60_000, overtime: 0 })).toEqual({ action: 'give-up', why: 'permanent' });
  });

  it('tries again at once when the worker running the call went away, and once more past the deadline', () => {
    expect(decideRetry({ kind: 'worker-lost', attempts: 3, now: NOW, deadline: NOW + 5_000, overtime: 0 })).toEqual({ action: 'retry', delayMs: 0 });
    expect(decideRetry({ kind: 'worker-lost', attempts: 3, now: NOW + 5_000, deadline: NOW, overtime: 0 })).toEqual({ action: 'retry', delayMs: 0 });
  });

  it('gives up when a worker is lost again on the look it got past the deadline', () => {
    expect(decideRetry({ kind: 'worker-lost', attempts: 4, now: NOW + 9_000, deadline: NOW, overtime: 1 })).toEqual({ action: 'give-up', why: 'timeout' });
  });
});
