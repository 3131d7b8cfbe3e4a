/**
 * Text from a cutover reaches the terminal escaped, whichever renderer prints it, and JSON output
 * writes what JSON.stringify would let through as \uXXXX.
 */
import { listLines } from '../../client/commands/list';
import { Progress } from '../../client/progress-log';
import { gateLine, plain, summary } from '../../client/render';
import { reportMarkdown } from '../../client/render/report-markdown';
import { safeJson } from '../../client/render/safe';
import { statusScreen } from '../../client/render/status-screen';
import { reportOf } from '../../client/report';
import type { ListedCutover } from '../../client/cutovers';
import type { CutoverStatus, OpenGate } from '../../workflows/status';
import { unsafeCharacter } from '../../workflows/runbook/text';
import { entry, iso, metricStatus, status, T0 } from './fixtures';

const CLEAR = '\x1b[2J\x1b]0;owned\x07';
const REVERSED = '\u202eenilno';
const HIDDEN = 'car\u200bol';
const C1 = '\u009b31m';

const gate: OpenGate = {
  name: `half${HIDDEN}`,
  approvers: ['alice', HIDDEN],
  twoPersonRule: false,
  openedAt: iso(1_000),
  deadline: null,
  context: { weights: { blue: 50, green: 50 }, step: null, lagSeconds: null, metrics: { [`errors${C1}`]: { value: 0.01, verdict: 'pass' } } },
};

/** A snapshot with dangerous text in every field a cutover fills from outside. */
function hostile(overrides: Partial<CutoverStatus> = {}): CutoverStatus {
  return status({
    description: `orders ${CLEAR} move`,
    outcome: 'rolled-back',
    reason: `gate rejected by bob: ${REVERSED}`,
    startedBy: HIDDEN,
    metrics: { [`errors${C1}`]: metricStatus({ threshold: `above ${C1}` }) },
    paused: { by: HIDDEN, reason: CLEAR, since: iso(0) },
    timeline: [
      entry({ kind: 'approval', by: HIDDEN, message: `gate approved by ${HIDDEN}: ${CLEAR}`, data: { gate: gate.name, comment: CLEAR } }),
      entry({ kind: 'error', message: `provider said: ${REVERSED}\nforged line`, data: {} }),
      entry({ kind: 'outcome', message: `rolled-back: ${CLEAR}` }),
    ],
    ...overrides,
  });
}

function expectSafe(text: string): void {
  expect(unsafeCharacter(text)).toBeNull();
  expect(text).toContain('\\x1b[2J');
}

describe('text from a cutover on the terminal', () => {
  it('is escaped on the status screen, the description included', () => {
    const text = statusScreen({ id: 'orders-1', execution: { status: 'RUNNING', taskQueue: 'cutover' }, status: hostile({ outcome: 'running', openGate: gate }) }, { width: 100, now: T0, utc: true, live: false }).join('\n');
    expectSafe(text);
    expect(text).toContain('orders \\x1b[2J\\x1b]0;owned\\x07 move');
    expect(text).toContain('car\\u200bol');
  });

  it('is escaped in the progress log, and a line break in a message does not start a line of its own', () => {
    const lines = new Progress(plain).linesFor(hostile(), T0);
    expectSafe(lines.join('\n'));
    expect(lines.join('\n')).toContain('\\u202eenilno\\nforged line');
    expect(lines.some((line) => line.startsWith('forged'))).toBe(false);
  });

  it('is escaped in the summary, the gate line and the list', () => {
    expect(unsafeCharacter(summary(hostile()))).toBeNull();
    expect(unsafeCharacter(gateLine(gate))).toBeNull();
    const listed: ListedCutover = {
      id: `orders${CLEAR}`,
      execution: { status: 'RUNNING', runId: 'r', firstRunId: 'r', taskQueue: 'cutover', startTime: new Date(T0), closeTime: null, lastKnown: null },
      runbook: 'orders',
      startedBy: HIDDEN,
      outcome: 'running',
      phase: 'canary',
      openGate: gate.name,
      note: null,
    };
    expectSafe(listLines([listed]).join('\n'));
  });

  it('is escaped in the markdown report', () => {
    const markdown = reportMarkdown(reportOf('orders-1', 'COMPLETED', hostile()));
    expectSafe(markdown);
    expect(markdown).toContain('| Description | orders \\x1b[2J\\x1b]0;owned\\x07 move |');
  });

  it('keeps the lines of a description over several lines, each escaped', () => {
    const multiLine = hostile({ description: `Moves orders to Azure.\nCall ${HIDDEN} first.` });
    const screen = statusScreen({ id: 'orders-1', execution: { status: 'COMPLETED', taskQueue: 'cutover' }, status: multiLine }, { width: 100, now: T0, utc: true, live: false });
    expect(screen).toContain('          Moves orders to Azure.');
    expect(screen).toContain('          Call car\\u200bol first.');
    expect(reportMarkdown(reportOf('orders-1', 'COMPLETED', multiLine))).toContain('| Description | Moves orders to Azure. Call car\\u200bol first. |');
  });

  it('is written as \\u escapes in JSON, which reads back as the same text', () => {
    const value = { description: `${CLEAR} ${REVERSED} ${HIDDEN} ${C1} \x7f`, plain: 'blue 50% / green 50% — ok' };
    const json = safeJson(value);
    expect(unsafeCharacter(json)).toBeNull();
    expect(json).toContain('\\u202e');
    expect(json).toContain('\\u200b');
    expect(json).toContain('\\u009b');
    expect(json).toContain('\\u007f');
    expect(json).toContain('—');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('the progress log past the timeline cap', () => {
  const at = (seq: number) => entry({ seq, message: `entry ${seq}` });
  const snapshot = (seqs: number[]) => status({ outcome: 'running', weights: null, timeline: seqs.map(at) });
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

  it('prints every entry once by its sequence number, also once the timeline stops growing', () => {
    const progress = new Progress(plain);
    const first = progress.linesFor(snapshot(range(1, 10)), T0);
    // Capped at 10 entries, keeping the first 2: the array's length no longer grows.
    const second = progress.linesFor(snapshot([1, 2, ...range(5, 12)]), T0);
    const third = progress.linesFor(snapshot([1, 2, ...range(7, 14)]), T0);
    expect(first).toHaveLength(10);
    expect(second.map((line) => line.slice(-8).trim())).toEqual(['entry 11', 'entry 12']);
    expect(third.map((line) => line.slice(-8).trim())).toEqual(['entry 13', 'entry 14']);
  });

  it('says in one line how many entries went before it read them', () => {
    const progress = new Progress(plain);
    progress.linesFor(snapshot(range(1, 4)), T0);
    const lines = progress.linesFor(snapshot([1, 2, ...range(9, 16)]), T0);
    expect(lines[0]).toContain('4 timeline entries not shown');
    expect(lines.slice(1).map((line) => line.slice(-8).trim())).toEqual(range(9, 16).map((seq) => `entry ${seq}`));
    expect(lines.filter((line) => line.includes('not shown'))).toHaveLength(1);
  });
});
