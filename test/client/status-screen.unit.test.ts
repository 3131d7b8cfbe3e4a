import { statusScreen, type ScreenInput } from '../../client/render/status-screen';
import { truncate, visibleWidth, wrap } from '../../client/render/fit';
import { ansi } from '../../client/render';
import { entry, iso, metricStatus, status, T0 } from './fixtures';
import type { OpenGate } from '../../workflows/status';

const ID = 'orders-cutover-20260301-091500';
const gate: OpenGate = {
  name: 'half-way',
  approvers: ['alice', 'bob', 'carol'],
  twoPersonRule: true,
  openedAt: iso(12_000),
  deadline: iso(612_000),
  context: { weights: { blue: 50, green: 50 }, step: { index: 3, total: 4, weight: 50 }, lagSeconds: 0.4, metrics: {} },
};

function running(overrides: Parameters<typeof status>[0] = {}): ScreenInput {
  return {
    id: ID,
    execution: { status: 'RUNNING', taskQueue: 'cutover' },
    status: status({
      outcome: 'running',
      phase: 'canary',
      endedAt: null,
      step: { index: 3, total: 4, weight: 50 },
      weights: { blue: 50, green: 50 },
      lag: { seconds: 0.4, rpoSeconds: 5, at: iso(5_000), withinRpoAt: iso(5_000) },
      queues: { depths: { 'orders-events': 0, 'payments-events': 0 }, at: iso(6_000), drainedAt: iso(6_000) },
      metrics: { 'error-rate': metricStatus(), 'latency-p95': metricStatus({ value: 190, threshold: 'above 400', baseline: null }) },
      openGate: gate,
      timeline: Array.from({ length: 30 }, (_, index) => entry({ at: iso(index * 1_000), message: `entry ${index} ${'x'.repeat(index * 3)}` })),
      ...overrides,
    }),
  };
}

const options = { width: 79, now: T0 + 20_000, utc: true, live: true };

describe('the status screen', () => {
  it('shows phase and step, the weight bar, lag against the RPO, queue depths and each metric against its threshold', () => {
    const text = statusScreen(running(), options).join('\n');
    expect(text).toContain('phase     canary, step 3/4, waiting at gate "half-way"');
    expect(text).toMatch(/weights {3}blue {2}50% █{15}░{15} {2}50% green/);
    expect(text).toContain('lag       0.4s, within the RPO of 5s; seen within it at 09:15:05');
    expect(text).toContain('queues    orders-events 0, payments-events 0; drained at 09:15:06');
    expect(text).toContain('error-rate   0.01  vs above baseline × 3 = 0.03  pass');
    expect(text).toContain('latency-p95  190   vs above 400                  pass');
  });

  it('shows the open gate, who may approve it under the two-person rule, and the commands to decide', () => {
    const lines = statusScreen(running(), options);
    expect(lines).toContain('gate      "half-way" open since 09:15:12; decide by 09:25:12');
    expect(lines).toContain('          may approve: alice, bob, carol (two-person rule: not olivia)');
    expect(lines).toContain(`  cutover approve ${ID} --gate half-way`);
    expect(lines).toContain(`  cutover reject ${ID} --gate half-way --reason "..."`);
  });

  it('fits every line in the width, colour codes not counted, and gives up timeline lines first to fit the height', () => {
    const lines = statusScreen(running(), { ...options, colour: ansi, height: 23 });
    expect(lines).toHaveLength(23);
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(79);
    expect(lines.at(-2)).toContain('entry 29');
    expect(lines.at(-1)).toContain('Ctrl-C stops watching, not the cutover');
  });

  it('breaks a command too long for the screen with shell continuations instead of cutting it', () => {
    const id = `orders-cutover-${'x'.repeat(50)}`;
    const lines = statusScreen({ ...running(), id }, options);
    const first = lines.findIndex((line) => line.startsWith('  cutover approve'));
    const last = lines.findIndex((line, index) => index >= first && !line.endsWith(' \\'));
    const command = lines.slice(first, last + 1).map((line) => line.replace(/ \\$/, '').trim());
    expect(last).toBeGreaterThan(first);
    expect(command.join(' ')).toBe(`cutover approve ${id} --gate half-way`);
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(79);
  });

  it('shows how a finished run ended, with the breach behind a rollback and the decisions taken', () => {
    const lines = statusScreen(
      {
        id: ID,
        execution: { status: 'COMPLETED', taskQueue: 'cutover' },
        status: status({
          outcome: 'rolled-back',
          phase: 'rollback',
          weights: { blue: 100, green: 0 },
          rollback: {
            reason: 'breach',
            cause: { metric: 'error-rate', value: 0.25, threshold: 'above baseline × 3 = 0.03', at: T0 + 20_000, sustainedFor: 2_000 },
            startedAt: iso(20_100),
            verifiedAt: iso(21_000),
            attempts: 1,
          },
          timeline: [entry({ kind: 'approval', by: 'alice', data: { gate: 'go-live' } })],
        }),
      },
      { ...options, live: false },
    );
    expect(lines).toContain('outcome   rolled-back');
    expect(lines).toContain('reason    metric error-rate = 0.25, threshold above baseline × 3 = 0.03, held');
    expect(lines).toContain('          for 2.0s, at 09:15:20');
    expect(lines).toContain('rollback  DNS verified 100% blue at 09:15:21 (1 attempt)');
    expect(lines).toContain('decisions go-live approved by alice');
    expect(lines.at(-1)).toBe(`full timeline: cutover report ${ID}`);
  });

  it('says so when a run ended without a status of its own', () => {
    const lines = statusScreen({ id: ID, execution: { status: 'TERMINATED', taskQueue: 'cutover' }, status: null }, options);
    expect(lines).toContain('outcome   none: the run is terminated and left no status');
  });

  it('shows a run with no worker at its last known phase, step, gate and weights, and says no worker polls its task queue', () => {
    const lastKnown = { phase: 'canary' as const, outcome: 'running' as const, step: { index: 2, total: 4, weight: 50 }, weights: { blue: 50, green: 50 }, openGate: 'half-way', paused: false, at: iso(9_000) };
    const text = statusScreen(
      { id: ID, status: null, execution: { status: 'RUNNING', taskQueue: 'cutover', lastKnown }, noWorker: { message: 'no worker is polling task queue cutover since 09:15:10' } },
      { ...options, width: 100, live: false },
    ).join('\n');
    expect(text).toContain('phase     canary, step 2/4, waiting at gate "half-way" (last known, at 09:15:09)');
    expect(text).toMatch(/weights +blue +50% .* 50% green/);
    expect(text).toContain('no worker is polling task queue cutover since 09:15:10');
    expect(text).not.toContain('left no status');
  });
});

describe('fitting text to a terminal', () => {
  it('cuts a line with an ellipsis at the visible width and resets a colour it cut through', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate(`\x1b[31m${'abcdef'}\x1b[39m`, 4)).toBe('\x1b[31mabc…\x1b[0m');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('wraps at spaces and cuts only words longer than a line', () => {
    expect(wrap('approved by alice or bob', 11)).toEqual(['approved by', 'alice or', 'bob']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

});

