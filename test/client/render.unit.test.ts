import { ansi, plain, wantsColour } from '../../client/render/colour';
import { gateLine } from '../../client/render/gate';
import { metricLine, metricsLine } from '../../client/render/metrics';
import { summary } from '../../client/render/summary';
import { clockTime, elapsed } from '../../client/render/time';
import { asideLine, timelineLine } from '../../client/render/timeline';
import { weightBar } from '../../client/render/weights';
import { entry, iso, metricStatus, status, T0 } from './fixtures';

const ESC = '\x1b[';

describe('weightBar', () => {
  it('draws blue cells for blue traffic and the rest for green, with both percentages', () => {
    expect(weightBar({ blue: 50, green: 50 }, 20)).toBe('blue  50% ██████████░░░░░░░░░░  50% green');
    expect(weightBar({ blue: 90, green: 10 }, 10)).toBe('blue  90% █████████░  10% green');
  });

  it('draws the ends of the cutover as a full bar of one side', () => {
    expect(weightBar({ blue: 100, green: 0 }, 4)).toBe('blue 100% ████   0% green');
    expect(weightBar({ blue: 0, green: 100 }, 4)).toBe('blue   0% ░░░░ 100% green');
  });

  it('never draws a side with traffic as empty, however small its share', () => {
    expect(weightBar({ blue: 99, green: 1 }, 20)).toContain('███████████████████░ ');
    expect(weightBar({ blue: 1, green: 99 }, 20)).toContain(' █░░░░░░░░░░░░░░░░░░░ ');
  });

  it('keeps the bar and the percentages in the same columns whatever the split, so successive bars line up', () => {
    const bars = [0, 1, 10, 25, 50, 99, 100].map((green) => weightBar({ blue: 100 - green, green }, 20));
    expect(new Set(bars.map((bar) => bar.indexOf('% green'))).size).toBe(1);
    expect(new Set(bars.map((bar) => bar.indexOf('%'))).size).toBe(1);
    expect(new Set(bars.map((bar) => bar.length)).size).toBe(1);
  });

  it('colours the sides only when given a colour palette', () => {
    expect(weightBar({ blue: 50, green: 50 }, 20)).not.toContain(ESC);
    expect(weightBar({ blue: 50, green: 50 }, 20, ansi)).toContain(`${ESC}34m██████████${ESC}39m`);
  });
});

describe('metricLine', () => {
  it('shows the value against the threshold with the verdict', () => {
    expect(metricLine('error-rate', metricStatus())).toBe('error-rate 0.01 vs above baseline × 3 = 0.03: pass');
  });

  it('says how long a failing metric has been over its threshold', () => {
    const failing = metricStatus({ verdict: 'failing', value: 0.25, failingSince: T0 + 3_500, at: T0 + 5_000 });
    expect(metricLine('error-rate', failing)).toBe('error-rate 0.25 vs above baseline × 3 = 0.03: failing for 1.5s');
  });

  it('tells no sample yet apart from a query that returned no data', () => {
    expect(metricLine('latency-p95', metricStatus({ verdict: 'pending', value: null, at: null }))).toContain('latency-p95 not sampled yet vs');
    expect(metricLine('latency-p95', metricStatus({ verdict: 'inconclusive', value: null }))).toContain('latency-p95 no data vs');
  });

  it('names provider errors apart from failed checks', () => {
    const erroring = metricStatus({ verdict: 'error', consecutiveErrors: 2, totalErrors: 2, lastError: 'timeout talking to Prometheus' });
    expect(metricLine('error-rate', erroring)).toContain(': error (2 provider errors in a row: timeout talking to Prometheus)');
  });

  it('rounds long values to four decimals', () => {
    expect(metricLine('error-rate', metricStatus({ value: 0.0123456 }))).toContain('error-rate 0.0123 vs');
  });

  it('colours a breach red', () => {
    const breach = metricStatus({ verdict: 'breach', value: 0.25, failingSince: T0, at: T0 + 2_000 });
    expect(metricLine('error-rate', breach, ansi)).toContain(`${ESC}31mbreach for 2.0s${ESC}39m`);
  });
});

describe('metricsLine', () => {
  it('puts every sampled metric on one line and leaves out those not sampled yet', () => {
    const line = metricsLine(
      status({
        metrics: {
          'error-rate': metricStatus(),
          'latency-p95': metricStatus({ value: 190, threshold: 'above 400' }),
          'green-availability': metricStatus({ verdict: 'pending', value: null, at: null, threshold: 'below 0.99' }),
        },
      }),
    );
    expect(line).toBe('error-rate 0.01 vs above baseline × 3 = 0.03: pass  ·  latency-p95 190 vs above 400: pass');
  });

  it('is null before the first sample', () => {
    expect(metricsLine(status({ metrics: { 'error-rate': metricStatus({ verdict: 'pending', value: null, at: null }) } }))).toBeNull();
  });
});

describe('timelineLine', () => {
  it('shows the time to the millisecond, the phase in a fixed column and the message', () => {
    const line = timelineLine(entry({ at: iso(1_234), phase: 'canary', message: 'step 1/4 completed' }), { utc: true });
    expect(line).toBe('09:15:01.234 canary      step 1/4 completed');
  });

  it('lines messages up after the longest phase name', () => {
    const short = timelineLine(entry({ phase: 'gate', message: 'x' }), { utc: true });
    const long = timelineLine(entry({ phase: 'replication', message: 'x' }), { utc: true });
    expect(short.indexOf('x')).toBe(long.indexOf('x'));
  });

  it('uses local time unless asked for UTC', () => {
    const at = iso(0);
    expect(timelineLine(entry({ at }))).toMatch(new RegExp(`^${clockTime(at).replace('.', '\\.')} `));
  });

  it('colours what needs attention: rollbacks and breaches red, approvals green, open gates yellow', () => {
    expect(timelineLine(entry({ kind: 'analysis', message: 'breach: metric error-rate = 0.25' }), { colour: ansi })).toContain(`${ESC}31mbreach`);
    expect(timelineLine(entry({ kind: 'approval', message: 'gate "go-live" approved by alice' }), { colour: ansi })).toContain(`${ESC}32mgate`);
    expect(timelineLine(entry({ kind: 'gate-open', message: 'gate "go-live" open' }), { colour: ansi })).toContain(`${ESC}33mgate`);
    expect(timelineLine(entry({ kind: 'outcome', message: 'rolled-back: metric error-rate' }), { colour: ansi })).toContain(`${ESC}31mrolled-back`);
    expect(timelineLine(entry({ kind: 'outcome', message: 'completed' }), { colour: ansi })).toContain(`${ESC}32mcompleted`);
  });

  it('leaves ordinary entries and uncoloured output plain', () => {
    expect(timelineLine(entry({ kind: 'note' }), { colour: ansi })).not.toContain(`${ESC}3`);
    expect(timelineLine(entry({ kind: 'rollback', message: 'DNS reads back 100% blue' }))).not.toContain(ESC);
  });
});

describe('asideLine', () => {
  it('aligns the client\'s own lines with the timeline\'s message column', () => {
    const aside = asideLine('weights', 'blue ██ green');
    const line = timelineLine(entry({ message: 'blue' }), { utc: true });
    expect(aside.indexOf('blue')).toBe(line.indexOf('blue'));
    expect(aside.startsWith(' '.repeat(12))).toBe(true);
  });

  it('shows when it was observed when given a time', () => {
    expect(asideLine('metrics', 'error-rate 0.01 vs above 0.03: pass', { at: iso(2_500), utc: true })).toBe(
      '09:15:02.500 metrics     error-rate 0.01 vs above 0.03: pass',
    );
  });
});

describe('gateLine', () => {
  it('shows what the approver approves: weights, step, lag and last verdicts, and who may decide by when', () => {
    const line = gateLine(
      {
        name: 'half-way',
        approvers: ['alice', 'bob'],
        twoPersonRule: true,
        openedAt: iso(0),
        deadline: iso(600_000),
        context: {
          weights: { blue: 50, green: 50 },
          step: { index: 3, total: 4, weight: 50 },
          lagSeconds: 0.5,
          metrics: { 'error-rate': { value: 0.01, verdict: 'pass' }, 'green-availability': { value: null, verdict: 'pending' } },
        },
      },
      { utc: true },
    );
    expect(line).toBe(
      'gate "half-way" at blue 50% / green 50%, step 3/4, lag 0.5s, error-rate 0.01 pass; approvers alice, bob (two-person rule); decide by 09:25:00.000',
    );
  });
});

describe('summary', () => {
  it('reports a completed run: outcome, weights, duration and who approved which gate', () => {
    const text = summary(
      status({
        timeline: [
          entry({ kind: 'approval', by: 'alice', data: { gate: 'go-live' } }),
          entry({ kind: 'approval', by: 'carol', data: { gate: 'sign-off' } }),
        ],
      }),
      { utc: true },
    );
    expect(text.split('\n')).toEqual([
      'outcome   completed',
      'weights   blue   0% ░░░░░░░░░░░░░░░░░░░░ 100% green',
      'duration  31.4s (started 09:15:00.000 by olivia)',
      'approvals 2 (go-live by alice, sign-off by carol)',
    ]);
  });

  it('names the metric, value, threshold and time of the breach behind a rollback', () => {
    const cause = { metric: 'error-rate', value: 0.25, threshold: 'above baseline × 3 = 0.03', at: T0 + 7_000, sustainedFor: 2_095 };
    const text = summary(
      status({
        outcome: 'rolled-back',
        phase: 'rollback',
        reason: 'metric error-rate = 0.25, threshold above baseline × 3 = 0.03 for 2s95ms, at 2026-03-01T09:15:07.000Z',
        weights: { blue: 100, green: 0 },
        rollback: { reason: 'breach', cause, startedAt: iso(7_020), verifiedAt: iso(7_600), attempts: 1 },
      }),
      { utc: true },
    );
    expect(text).toContain('reason    metric error-rate = 0.25, threshold above baseline × 3 = 0.03, held for 2.1s, at 09:15:07.000');
    expect(text).toContain('rollback  started 09:15:07.020, DNS verified 100% blue at 09:15:07.600 (1 attempt)');
  });

  it('gives the reason of a run stopped without a breach', () => {
    const text = summary(status({ outcome: 'aborted', reason: 'gate "go-live" rejected by bob: not tonight' }), { utc: true });
    expect(text).toContain('outcome   aborted');
    expect(text).toContain('reason    gate "go-live" rejected by bob: not tonight');
  });

  it('prefers the weights read back from DNS to the last ones the run wrote', () => {
    const text = summary(status({ weights: { blue: 0, green: 100 } }), { dnsWeights: { blue: 100, green: 0 }, utc: true });
    expect(text).toContain('dns       blue 100% ████████████████████   0% green');
    expect(text).not.toContain('weights ');
  });

  it('counts rejections and refused decisions beside approvals', () => {
    const text = summary(
      status({
        outcome: 'rolled-back',
        timeline: [
          entry({ kind: 'refused', message: 'approval of gate "go-live" refused', by: 'olivia' }),
          entry({ kind: 'approval', by: 'alice', data: { gate: 'go-live' } }),
          entry({ kind: 'rejection', by: 'bob', data: { gate: 'half-way' } }),
        ],
      }),
      { utc: true },
    );
    expect(text).toContain('approvals 1 (go-live by alice); 1 rejected; 1 refused');
  });

  it('measures a run still going up to now', () => {
    const text = summary(status({ outcome: 'running', endedAt: null }), { now: T0 + 75_000, utc: true });
    expect(text).toContain('duration  1m15s');
  });
});

describe('time and colour helpers', () => {
  it('formats elapsed times to a tenth of a second, then in minutes', () => {
    expect(elapsed(0)).toBe('0.0s');
    expect(elapsed(31_449)).toBe('31.4s');
    expect(elapsed(125_000)).toBe('2m05s');
    expect(elapsed(3_725_000)).toBe('1h02m05s');
  });

  it('colours only a terminal without NO_COLOR', () => {
    expect(wantsColour(true, {})).toBe(true);
    expect(wantsColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(false, {})).toBe(false);
    expect(wantsColour(undefined, {})).toBe(false);
  });

  it('has a plain palette that changes nothing', () => {
    expect(plain.red(plain.bold('x'))).toBe('x');
  });
});
