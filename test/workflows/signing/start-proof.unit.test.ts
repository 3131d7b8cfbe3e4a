import { gatesNeedingVerifiedStart, startedByWave, startProof, startRefusal, type StartFacts } from '../../../workflows/decisions/start-proof';
import { parseAllowedSigners } from '../../../workflows/signing/allowed-signers';
import { parseStartStatement, runbookDigest, startStatementText, type StartStatement } from '../../../workflows/signing/start-statement';
import { DECISION_NAMESPACE } from '../../../workflows/signing/statement';
import type { Runbook } from '../../../workflows/runbook/schema';
import { fastRunbook } from '../../support/runbooks';
import { SshWorkspace } from '../../support/ssh';

const signedAt = Date.UTC(2026, 10, 29, 23, 0);
const runbook = fastRunbook({ approvals: 'signed', gates: [{ name: 'go-live', approvers: ['olivia', 'bob'], twoPersonRule: true }], startGate: 'go-live' });

function statement(change: Partial<StartStatement> = {}): string {
  return startStatementText({
    cutoverId: 'orders-1',
    runbook: runbookDigest(runbook),
    by: 'olivia',
    signedAt: new Date(signedAt).toISOString(),
    expiresAt: new Date(signedAt + 10 * 60_000).toISOString(),
    ...change,
  });
}

describe('the start statement', () => {
  it('reads back only its canonical form', () => {
    const text = statement();
    expect(text.split('\n')[0]).toBe('cutover-start v1');
    expect(parseStartStatement(text)).toMatchObject({ cutoverId: 'orders-1', by: 'olivia' });
    expect(() => parseStartStatement(text.replace('by: "olivia"', 'by:  "olivia"'))).toThrow('not in its canonical form');
    expect(() => parseStartStatement(text.replace('by: ', 'who: '))).toThrow('line 4 of the statement must be "by: …"');
    expect(() => parseStartStatement(`${text}extra\n`)).toThrow('not in its canonical form');
    expect(() => parseStartStatement(text.replace('cutover-start v1', 'cutover-control v1'))).toThrow('a start statement starts with "cutover-start v1"');
  });

  it('digests a runbook the same whatever its key order, and differently when anything changes', () => {
    const reordered = Object.fromEntries(Object.entries(runbook).reverse()) as Runbook;
    expect(runbookDigest(reordered)).toBe(runbookDigest(runbook));
    expect(runbookDigest({ ...runbook, rpo: runbook.rpo + 1 })).not.toBe(runbookDigest(runbook));
  });
});

describe('the proof of a start', () => {
  const ssh = new SshWorkspace();
  const olivia = ssh.key('ed25519');
  const bob = ssh.key('ed25519');
  const stranger = ssh.key('ed25519');
  const signers = parseAllowedSigners(`olivia ${olivia.publicKey}\nbob ${bob.publicKey}\n`);
  const facts: StartFacts = { policy: 'signed', cutoverId: 'orders-1', runbook, startedBy: 'olivia', adoptWeights: false, trusted: { signers, others: {}, consoles: { signers: [], vouchers: [] } }, now: signedAt + 60_000 };
  const signed = (text: string, key = olivia) => ({ statement: text, signature: ssh.sign(key, DECISION_NAMESPACE, text) });
  afterAll(() => ssh.close());

  it('verifies the starter\'s own signature over this cutover and runbook', () => {
    expect(startProof(signed(statement()), facts)).toMatchObject({ verified: true, principal: 'olivia', keyType: 'ssh-ed25519', fingerprint: olivia.fingerprint, unverifiedBecause: null });
  });

  it.each([
    ['unsigned', () => null, {}],
    ['bad-signature', () => ({ statement: statement(), signature: signed(statement({ by: 'bob' })).signature }), {}],
    ['other-principal', () => signed(statement(), bob), {}],
    ['unknown-key', () => signed(statement(), stranger), {}],
    ['another-cutover', () => signed(statement({ cutoverId: 'orders-2' })), {}],
    ['another-runbook', () => signed(statement({ runbook: runbookDigest({ ...runbook, name: 'other' }) })), {}],
    ['another-signer', () => signed(statement({ by: 'bob' })), {}],
    ['expired', () => signed(statement()), { now: signedAt + 11 * 60_000 }],
    ['no-allowed-signers', () => signed(statement()), { trusted: null }],
    ['approvals-unverified', () => signed(statement()), { policy: 'unverified' as const }],
  ])('records %s as not verified', (reason, make, change) => {
    expect(startProof(make(), { ...facts, ...change })).toMatchObject({ verified: false, principal: 'olivia', unverifiedBecause: reason });
  });

  it('names a stray key listed under another principal only by its fingerprint index', () => {
    expect(startProof(signed(statement(), stranger), { ...facts, trusted: { signers, others: { [stranger.fingerprint]: ['mallory'] }, consoles: { signers: [], vouchers: [] } } })).toMatchObject({ unverifiedBecause: 'other-principal', fingerprint: stranger.fingerprint });
  });
});

describe('whether a start must be verified', () => {
  const unverified = { verified: false, principal: 'olivia', keyType: null, fingerprint: null, statement: null, signature: null, unverifiedBecause: 'unsigned' };

  it('requires it under signed approvals with a two-person gate, naming the gate and what to do', () => {
    expect(gatesNeedingVerifiedStart(runbook)).toEqual(['go-live']);
    expect(startRefusal(unverified, runbook)).toBe(
      'the start by olivia is not verified (the start is not signed); gate "go-live" follows the two-person rule, so the starter must be proven: ' +
        'start with cutover start, which signs with your SSH key, as a principal in the worker\'s allowed signers',
    );
  });

  it('lets other runbooks start unverified, and a verified start always', () => {
    expect(startRefusal(unverified, { ...runbook, approvals: 'unverified' })).toBeNull();
    expect(startRefusal(unverified, { ...runbook, gates: [{ ...runbook.gates[0]!, twoPersonRule: false }] })).toBeNull();
    expect(startRefusal({ ...unverified, verified: true, unverifiedBecause: null }, runbook)).toBeNull();
    expect(startedByWave('olivia')).toMatchObject({ verified: false, unverifiedBecause: 'started-by-wave' });
  });
});
