import { gateViewDigest, parseStatement, refuseStatement, statementText, type DecisionStatement, type OpenGateFacts } from '../../../workflows/signing/statement';

const view = { step: 2, weights: { blue: 50, green: 50 }, lagSeconds: 1.5, metrics: { 'error-rate': 0.002, latency: 180 } };
const opened = Date.UTC(2026, 10, 29, 23, 0);
const gate: OpenGateFacts = { cutoverId: 'orders-2026', firstRunId: 'run-1', gate: 'half-way', openedAt: opened, shown: gateViewDigest(view) };
const statement: DecisionStatement = {
  cutoverId: 'orders-2026',
  firstRunId: 'run-1',
  gate: 'half-way',
  by: 'bob@example.com',
  decision: 'approve',
  reason: 'metrics clean\nfor 10 minutes',
  gateOpenedAt: new Date(opened).toISOString(),
  shown: gateViewDigest(view),
  expiresAt: new Date(opened + 15 * 60_000).toISOString(),
};
const request = { by: 'bob@example.com', decision: 'approve' as const, reason: 'metrics clean\nfor 10 minutes' };
const now = opened + 60_000;

describe('the decision statement', () => {
  it('is one readable line per field, in a fixed order, and reads back to the same statement', () => {
    const text = statementText(statement);
    expect(text).toBe(
      [
        'cutover-decision v1',
        'cutover: "orders-2026"',
        'first-run: "run-1"',
        'gate: "half-way"',
        'by: "bob@example.com"',
        'decision: "approve"',
        'reason: "metrics clean\\nfor 10 minutes"',
        'gate-opened: "2026-11-29T23:00:00.000Z"',
        `shown: "${gateViewDigest(view)}"`,
        'expires: "2026-11-29T23:15:00.000Z"',
        '',
      ].join('\n'),
    );
    expect(parseStatement(text)).toEqual(statement);
  });

  it('digests what the gate showed independently of key order, and differently when a value changes', () => {
    const reordered = { metrics: { latency: 180, 'error-rate': 0.002 }, lagSeconds: 1.5, weights: { green: 50, blue: 50 }, step: 2 };
    expect(gateViewDigest(reordered)).toBe(gateViewDigest(view));
    expect(gateViewDigest({ ...view, weights: { blue: 25, green: 75 } })).not.toBe(gateViewDigest(view));
    expect(gateViewDigest(view)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('accepts only the canonical form, so the signed bytes have one meaning', () => {
    const text = statementText(statement);
    expect(() => parseStatement(text.replace('gate: "half-way"', 'gate:  "half-way"'))).toThrow(/line 4 of the statement must be "gate: …"|canonical/);
    expect(() => parseStatement(text.replace('"half-way"', '"half\\u002dway"'))).toThrow(/canonical form/);
    expect(() => parseStatement(`${text}extra: "x"\n`)).toThrow(/canonical form/);
    expect(() => parseStatement(text.replace('"approve"', '"maybe"'))).toThrow(/decision must be "approve" or "reject"/);
    expect(() => parseStatement(text.replace('2026-11-29T23:00:00.000Z', 'yesterday'))).toThrow(/gateOpenedAt must be a UTC time/);
  });

  it('passes for this cutover, this opening of this gate, what it shows and the decision sent', () => {
    expect(refuseStatement(statement, gate, request, now)).toBeNull();
  });

  it.each([
    ['another cutover', { cutoverId: 'billing-2026' }, {}, now, 'another-cutover'],
    ['another first run of the same id', { firstRunId: 'run-0' }, {}, now, 'another-cutover'],
    ['another gate', { gate: 'sign-off' }, {}, now, 'another-gate'],
    ['an earlier opening of the same gate (a replay)', { openedAt: opened + 3_600_000 }, {}, now + 3_600_000, 'earlier-opening'],
    ['what the gate shows now changed', { shown: gateViewDigest({ ...view, lagSeconds: 30 }) }, {}, now, 'shown-mismatch'],
    ['another claimed approver', {}, { by: 'carol@example.com' }, now, 'another-signer'],
    ['another decision', {}, { decision: 'reject' as const }, now, 'another-decision'],
    ['another reason', {}, { reason: 'fine' }, now, 'another-decision'],
    ['a time after its expiry', {}, {}, opened + 16 * 60_000, 'expired'],
  ])('is refused for %s', (_what, gateChange, requestChange, at, reason) => {
    expect(refuseStatement(statement, { ...gate, ...gateChange }, { ...request, ...requestChange }, at)).toMatchObject({ reason });
  });
});
