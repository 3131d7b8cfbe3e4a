import { readFileSync, rmSync } from 'node:fs';
import { signStatement, SigningError } from '../../../client/signing/sign-statement';
import { parseAllowedSigners } from '../../../workflows/signing/allowed-signers';
import { DECISION_NAMESPACE, gateViewDigest, statementText, type OpenGateFacts } from '../../../workflows/signing/statement';
import { verifySignedDecision } from '../../../workflows/signing/verify-decision';
import { SshWorkspace, startAgent, type TestAgent } from '../../support/ssh';

const opened = Date.UTC(2026, 10, 29, 23, 0);
const shown = gateViewDigest({ step: null, weights: { blue: 100, green: 0 }, lagSeconds: 0, metrics: {} });
const gate: OpenGateFacts = { cutoverId: 'orders-2026', firstRunId: 'run-1', gate: 'begin', openedAt: opened, shown };
const request = { by: 'bob@example.com', decision: 'approve' as const, reason: null };
const statement = statementText({ ...gate, gateOpenedAt: new Date(opened).toISOString(), by: 'bob@example.com', decision: 'approve', reason: null, expiresAt: new Date(opened + 600_000).toISOString() });
const now = opened + 1_000;

describe('signing a decision at the command line', () => {
  const ssh = new SshWorkspace();
  let agent: TestAgent | null = null;
  afterEach(() => {
    agent?.stop();
    agent = null;
  });
  afterAll(() => ssh.close());

  it('signs with a key file; the signature verifies in the workflow code and with ssh-keygen -Y verify', async () => {
    const key = ssh.key('ed25519');
    const allowed = `bob@example.com ${key.publicKey}\n`;
    const decision = await signStatement(statement, { key: key.path, env: { PATH: process.env.PATH } });
    expect(verifySignedDecision(decision, parseAllowedSigners(allowed), gate, request, now)).toMatchObject({ ok: true, fingerprint: key.fingerprint });
    expect(ssh.opensshVerifies(allowed, 'bob@example.com', DECISION_NAMESPACE, decision.statement, decision.signature)).toBe(true);
  });

  it('signs with an ed25519 key held only by ssh-agent, without revealing the agent socket or the key', async () => {
    const key = ssh.key('ed25519');
    const privateKey = readFileSync(key.path, 'utf8');
    agent = startAgent(ssh.dir);
    agent.add(key);
    rmSync(key.path);
    rmSync(key.publicPath);
    const decision = await signStatement(statement, { env: agent.env });
    const verdict = verifySignedDecision(decision, parseAllowedSigners(`bob@example.com ${key.publicKey}`), gate, request, now);
    expect(verdict).toMatchObject({ ok: true, keyType: 'ssh-ed25519', fingerprint: key.fingerprint });
    const everything = JSON.stringify({ decision, verdict });
    expect(everything).not.toContain(agent.socket);
    expect(everything).not.toContain(privateKey.split('\n')[1]);
  });

  it('says how to provide a key when there is neither an agent nor --key', async () => {
    await expect(signStatement(statement, { env: { PATH: process.env.PATH } })).rejects.toThrow(new SigningError('no SSH key to sign with: add your key to ssh-agent (ssh-add), or pass --key <private key file>'));
  });

  it('reports ssh-keygen\'s failure without the agent socket path', async () => {
    agent = startAgent(ssh.dir);
    const stranger = ssh.key('ed25519');
    rmSync(stranger.path);
    const failure = signStatement(statement, { key: stranger.publicPath, env: agent.env });
    await expect(failure).rejects.toThrow(/ssh-keygen could not sign the decision/);
    await expect(failure).rejects.not.toThrow(agent.socket);
  });
});
