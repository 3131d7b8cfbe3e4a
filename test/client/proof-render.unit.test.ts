import { reportOf } from '../../client/report';
import { reportMarkdown } from '../../client/render/report-markdown';
import { statusScreen } from '../../client/render/status-screen';
import { timelineLine } from '../../client/render';
import type { DecisionProof, RefusedAttempt } from '../../workflows/signing/proof';
import { entry, iso, status } from './fixtures';

const FINGERPRINT = 'SHA256:Xq2eV1oXfQ1zWk0m4y3b8JH2nHc4ylQ8bPz0m1Hh7cU';
const verified: DecisionProof = { verified: true, principal: 'bob', keyType: 'ssh-ed25519', fingerprint: FINGERPRINT, statement: 'cutover-decision v1\n', signature: '-----BEGIN SSH SIGNATURE-----\n…\n-----END SSH SIGNATURE-----', unverifiedBecause: null };
const refusedAttempt: RefusedAttempt = { action: 'approve', via: 'signal', gate: 'half-way', claimed: 'alice', reason: 'bad-signature', message: 'the signature does not verify', fingerprint: null };

const approval = entry({ at: iso(60_000), kind: 'approval', by: 'bob', message: 'gate "half-way" approved by bob', data: { gate: 'half-way', proof: verified } });
const refused = entry({ at: iso(50_000), kind: 'refused', message: 'approval of gate "half-way" by alice refused: the signature does not verify', data: { ...refusedAttempt } });
const paused = entry({ at: iso(40_000), kind: 'pause', by: 'carol', message: 'paused by carol', data: { proof: { ...verified, principal: 'carol', verified: false, keyType: null, fingerprint: null, statement: null, signature: null, unverifiedBecause: 'unsigned' } } });

describe('the proof of each decision, as the CLI shows it', () => {
  it('a timeline line says who approved, with which key, verified', () => {
    expect(timelineLine(approval, { utc: true })).toBe(`09:16:00.000 canary      gate "half-way" approved by bob (ssh-ed25519 ${FINGERPRINT}, verified)`);
    expect(timelineLine(paused, { utc: true })).toContain('paused by carol (not verified: unsigned)');
    expect(timelineLine(refused, { utc: true })).toContain('the signature does not verify [bad-signature]');
  });

  it('the report lists the verified approver and every recorded refusal with its typed reason, and keeps the proof in JSON', () => {
    const report = reportOf('orders-1', 'COMPLETED', status({ approvals: 'signed', refused: { recorded: 1, counted: 0 }, timeline: [paused, refused, approval] }));
    const markdown = reportMarkdown(report);
    expect(markdown).toContain(`| approval | bob (ssh-ed25519 ${FINGERPRINT}, verified) | half-way |`);
    expect(markdown).toContain('| refused | alice refused (bad-signature, via signal) | half-way | approval of gate "half-way" by alice refused: the signature does not verify |');
    expect(markdown).toContain('| Refused attempts | 1 |');
    expect(report.decisions.find((decision) => decision.kind === 'approval')!.proof).toEqual(verified);
    expect(report.decisions.find((decision) => decision.kind === 'refused')!.refusal).toEqual(refusedAttempt);
  });

  it('says plainly, in status and report, that identities were not verified under approvals: unverified', () => {
    const unverified = status({ approvals: 'unverified', timeline: [approval] });
    expect(reportMarkdown(reportOf('orders-1', 'COMPLETED', unverified))).toContain('| Approvals | **identities were not verified (approvals: unverified)** |');
    const screen = statusScreen({ id: 'orders-1', status: unverified, execution: { status: 'COMPLETED', taskQueue: 'cutover' } }, { width: 100, now: Date.now(), live: false });
    expect(screen).toContain('approvals identities were not verified (approvals: unverified)');
  });
});
