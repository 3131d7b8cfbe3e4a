import { rmSync, writeFileSync } from 'node:fs';
import { chooseKey, prepareDecision, type SigningContext } from '../../../client/signing/sign-decision';
import { expiryMs, ViewMismatchError } from '../../../client/signing/statements';
import { UsageError } from '../../../client/errors';
import { parseAllowedSigners } from '../../../workflows/signing/allowed-signers';
import { parseControlStatement } from '../../../workflows/signing/control-statement';
import { gateViewOf } from '../../../workflows/signing/proof';
import { gateViewDigest, parseStatement } from '../../../workflows/signing/statement';
import { verifySignedDecision } from '../../../workflows/signing/verify-decision';
import type { OpenGate } from '../../../workflows/status';
import { iso, status, T0 } from '../fixtures';
import { SshWorkspace, startAgent } from '../../support/ssh';

const context = { weights: { blue: 50, green: 50 }, step: { index: 1, total: 2, weight: 50 }, lagSeconds: 0.4, metrics: { 'error-rate': { value: 0.01, verdict: 'pass' } } };
const open = (overrides: Partial<OpenGate> = {}): OpenGate => {
  const gate: OpenGate = { name: 'half-way', approvers: ['alice', 'bob'], twoPersonRule: true, openedAt: iso(60_000), deadline: null, context, ...overrides };
  return { shown: gateViewDigest(gateViewOf(gate)), ...gate };
};
const running = (gate: OpenGate | null = open(), extra = {}) => status({ outcome: 'running', phase: 'canary', endedAt: null, openGate: gate, ...extra });
const now = T0 + 90_000;

describe('preparing a decision for the cutover', () => {
  const ssh = new SshWorkspace();
  const key = ssh.key('ed25519');
  const signers = parseAllowedSigners(`bob ${key.publicKey}\n`);
  const base = (overrides: Partial<SigningContext> = {}): SigningContext => ({ id: 'orders-1', firstRunId: 'run-1', status: running(), key: { file: key.path, source: '--key' }, now, expiresInMs: 600_000, env: process.env, ...overrides });
  afterAll(() => ssh.close());

  it('signs an approval that the workflow\'s verifier accepts for this gate, this opening and what it shows', async () => {
    const prepared = await prepareDecision({ kind: 'approve', request: { gate: 'half-way', by: 'bob', comment: 'flat' } }, base());
    const signed = (prepared.decision.request as { signed?: { statement: string; signature: string } }).signed!;
    expect(parseStatement(signed.statement)).toMatchObject({ cutoverId: 'orders-1', firstRunId: 'run-1', gate: 'half-way', by: 'bob', decision: 'approve', reason: 'flat', gateOpenedAt: iso(60_000), expiresAt: new Date(now + 600_000).toISOString() });
    const gate = open();
    const verdict = verifySignedDecision(signed, signers, { cutoverId: 'orders-1', firstRunId: 'run-1', gate: 'half-way', openedAt: T0 + 60_000, shown: gate.shown! }, { by: 'bob', decision: 'approve', reason: 'flat' }, now + 1_000);
    expect(verdict).toMatchObject({ ok: true, fingerprint: key.fingerprint });
    expect(prepared.note).toBe(`signed with ssh-ed25519 ${key.fingerprint} (from --key)`);
  });

  it('refuses to sign when the gate\'s reported digest is not that of what it shows', async () => {
    const misreported = open({ shown: gateViewDigest({ ...gateViewOf(open()), weights: { blue: 0, green: 100 } }) });
    await expect(prepareDecision({ kind: 'approve', request: { gate: 'half-way', by: 'bob' } }, base({ status: running(misreported) }))).rejects.toThrow(ViewMismatchError);
  });

  it('needs a key for a gate decision under approvals: signed, and says how to set one up', async () => {
    const refusal = prepareDecision({ kind: 'reject', request: { gate: 'half-way', by: 'bob', reason: 'p95' } }, base({ key: null }));
    await expect(refusal).rejects.toThrow(new UsageError('no SSH key to sign this rejection with: gate "half-way" takes signed decisions only'));
    await expect(refusal).rejects.toMatchObject({ hint: expect.stringContaining('ssh-keygen -t ed25519') });
  });

  it('sends unsigned under approvals: unverified, and for a gate that is not open (the cutover refuses it in its words)', async () => {
    const unverified = await prepareDecision({ kind: 'approve', request: { gate: 'half-way', by: 'bob' } }, base({ key: null, status: running(open(), { approvals: 'unverified' }) }));
    expect(unverified).toEqual({ decision: { kind: 'approve', request: { gate: 'half-way', by: 'bob' } }, note: 'not signed: identities are not verified in this cutover (approvals: unverified)' });
    const closed = await prepareDecision({ kind: 'approve', request: { gate: 'sign-off', by: 'bob' } }, base({ key: null }));
    expect(closed.decision.request).not.toHaveProperty('signed');
  });

  it('needs a key to resume a paused cutover under approvals: signed, saying how to sign; not under approvals: unverified', async () => {
    const paused = running(null, { paused: { by: 'carol', reason: 'look', since: iso(70_000) } });
    const refusal = prepareDecision({ kind: 'resume', request: { by: 'bob' } }, base({ key: null, status: paused }));
    await expect(refusal).rejects.toThrow(new UsageError('no SSH key to sign this resume with: under approvals: signed a resume lets the cutover go on, so it needs a verified identity'));
    await expect(refusal).rejects.toMatchObject({ hint: expect.stringMatching(/--key <private key file>.*console signed in as a subject its vouchers map/) });
    const lost = ssh.key('ed25519');
    rmSync(lost.path);
    await expect(prepareDecision({ kind: 'resume', request: { by: 'bob' } }, base({ key: { file: lost.publicPath, source: '--key' }, status: paused, env: { PATH: process.env.PATH } }))).rejects.toThrow(/could not sign/);
    const unverified = await prepareDecision({ kind: 'resume', request: { by: 'bob' } }, base({ key: null, status: { ...paused, approvals: 'unverified' } }));
    expect(unverified.note).toBe('not signed (no SSH key at hand): recorded as not verified');
    const pausing = await prepareDecision({ kind: 'pause', request: { by: 'bob' } }, base({ key: null }));
    expect(pausing.decision.request).not.toHaveProperty('signed');
  });

  it('signs an abort when a key is at hand and sends it unsigned, never blocked, when none is or it cannot sign', async () => {
    const signed = await prepareDecision({ kind: 'abort', request: { by: 'bob', reason: 'double charges' } }, base());
    const statement = parseControlStatement((signed.decision.request as { signed: { statement: string } }).signed.statement);
    expect(statement).toMatchObject({ cutoverId: 'orders-1', firstRunId: 'run-1', action: 'abort', by: 'bob', reason: 'double charges', signedAt: new Date(now).toISOString() });
    const none = await prepareDecision({ kind: 'abort', request: { by: 'bob', reason: 'x' } }, base({ key: null }));
    expect(none).toEqual({ decision: { kind: 'abort', request: { by: 'bob', reason: 'x' } }, note: 'not signed (no SSH key at hand): recorded as not verified' });
    // A public key whose private half is neither beside it nor in an agent.
    const lost = ssh.key('ed25519');
    rmSync(lost.path);
    const broken = await prepareDecision({ kind: 'abort', request: { by: 'bob', reason: 'x' } }, base({ key: { file: lost.publicPath, source: '--key' }, env: { PATH: process.env.PATH } }));
    expect(broken.decision.request).not.toHaveProperty('signed');
    expect(broken.note).toMatch(/^not signed \(ssh-keygen could not sign the decision: .*\): recorded as not verified$/);
  });

  it('takes --key first, then the config file\'s key, then the agent\'s first key', async () => {
    expect(await chooseKey(key.path, { PATH: process.env.PATH })).toEqual({ file: key.path, source: '--key' });
    await expect(chooseKey('/no/such/key', {})).rejects.toThrow('--key /no/such/key: no such file');
    const config = `${ssh.dir}/config.yaml`;
    writeFileSync(config, `key: ${key.path}\n`);
    expect(await chooseKey(undefined, { CUTOVER_CONFIG: config })).toEqual({ file: key.path, source: config });
    const agent = startAgent(ssh.dir);
    try {
      expect(await chooseKey(undefined, { ...agent.env, CUTOVER_CONFIG: `${ssh.dir}/none.yaml` })).toBeNull();
      agent.add(key);
      expect(await chooseKey(undefined, { ...agent.env, CUTOVER_CONFIG: `${ssh.dir}/none.yaml` })).toEqual({ source: 'ssh-agent' });
    } finally {
      agent.stop();
    }
  });

  it('signs for 10 minutes unless --expires-in says otherwise, between 10s and 1h', () => {
    expect(expiryMs(undefined)).toBe(600_000);
    expect(expiryMs('2m')).toBe(120_000);
    expect(() => expiryMs('2h')).toThrow('--expires-in 2h is out of bounds');
    expect(() => expiryMs('soon')).toThrow('--expires-in "soon" is not a duration');
  });
});
