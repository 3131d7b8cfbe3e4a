import { statusScreen } from '../../client/render/status-screen';
import { reportOf } from '../../client/report';
import { reportMarkdown } from '../../client/render/report-markdown';
import { planOf } from '../../client/runbook/plan';
import { planLines } from '../../client/render/plan';
import { entry, iso, status, T0 } from './fixtures';
import { fastRunbook } from '../support/runbooks';

const ID = 'orders-cutover-20260301-091500';
const drift = { read: { blue: 100, green: 0 }, expected: { blue: 50, green: 50 }, basis: 'written' as const, readAt: iso(8_000) };
const options = { width: 200, now: T0 + 20_000, utc: true, live: true };

function drifted() {
  return status({
    outcome: 'running',
    phase: 'canary',
    endedAt: null,
    weights: { blue: 50, green: 50 },
    weightsWritten: { blue: 50, green: 50 },
    weightsRead: { weights: { blue: 100, green: 0 }, at: iso(8_000) },
    drift,
    paused: { by: 'dns-drift', reason: 'DNS drift: reads blue 100 / green 0, wrote 50 / 50: a person or another tool changed it', since: iso(8_000) },
    timeline: [entry({ kind: 'drift', at: iso(8_000), by: 'dns-drift', message: 'DNS drift: reads blue 100 / green 0, wrote 50 / 50; paused: no DNS write until a person resumes', data: { read: drift.read, expected: drift.expected } })],
  });
}

describe('ground truth in status, report and plan', () => {
  it('shows a drift with both weight sets and what resume and abort do, in status and watch', () => {
    const text = statusScreen({ id: ID, execution: { status: 'RUNNING', taskQueue: 'cutover' }, status: drifted() }, options).join('\n');
    expect(text).toContain('dns       DNS drift: reads blue 100 / green 0, wrote 50 / 50 (read at 09:15:08): no DNS write until resumed');
    expect(text).toContain(`cutover resume ${ID} carries on from the weights read`);
  });

  it('shows the weights last read when there is no drift, and a canary holding its weight', () => {
    const holding = { before: 'step 3/4', weights: { blue: 75, green: 25 }, since: iso(9_000), reason: 'metric error-rate = 0.3 crosses its threshold above 0.03, held 2s of its 1m sustain window', blockers: [] };
    const text = statusScreen(
      { id: ID, execution: { status: 'RUNNING', taskQueue: 'cutover' }, status: status({ outcome: 'running', endedAt: null, weightsRead: { weights: { blue: 75, green: 25 }, at: iso(7_000) }, holding }) },
      options,
    ).join('\n');
    expect(text).toContain('dns       reads blue 75 / green 25 at 09:15:07');
    expect(text).toContain('holding   at blue 75% / green 25% before step 3/4 since 09:15:09: metric error-rate = 0.3 crosses its threshold above 0.03, held 2s of its 1m sustain window');
  });

  it('carries the weights written and read, and the drift, in the report; markdown lists every drift entry', () => {
    const report = reportOf(ID, 'RUNNING', drifted());
    expect(report).toMatchObject({ weightsWritten: { blue: 50, green: 50 }, weightsRead: { weights: { blue: 100, green: 0 }, at: iso(8_000) }, drift });
    const markdown = reportMarkdown(report);
    expect(markdown).toContain('| DNS drift | **DNS drift: reads blue 100 / green 0, wrote 50 / 50** (read at 2026-03-01T09:15:08.000Z) |');
    expect(markdown).toContain('## DNS drift');
    expect(markdown).toContain(`- ${iso(8_000)}: DNS drift: reads blue 100 / green 0, wrote 50 / 50; paused`);
  });

  it('plan says a step moves up only on a clean bill, and how often the record is read', () => {
    const text = planLines(planOf(fastRunbook({ canary: { steps: [{ weight: 50, bake: '10s' }, { weight: 100, bake: '4s' }] } })), { width: 200 }).join('\n');
    expect(text).toMatch(/moves up +a step moves up \(and acceptance or sign-off begins\) only on a clean bill: no trigger crossed, its sustain window still running included, no metric read failing/);
    expect(text).toMatch(/dns reads +reads the weights of orders\.example\.com every 2s while it holds it and before each change; a change by anyone else \(drift\) pauses it/);
  });
});
