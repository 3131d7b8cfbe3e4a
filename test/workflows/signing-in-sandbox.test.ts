import { Worker } from '@temporalio/worker';
import { DECISION_NAMESPACE, gateViewDigest, statementText, type OpenGateFacts } from '../../workflows/signing/statement';
import { connectHarness, uniqueId, type Harness } from '../support/harness';
import { SshWorkspace, type KeyKind } from '../support/ssh';
import type { verifyDecisionInSandbox } from './support/verify-in-sandbox';

const opened = Date.UTC(2026, 10, 29, 23, 0);
const shown = gateViewDigest({ step: 1, weights: { blue: 90, green: 10 }, lagSeconds: 0.2, metrics: { 'error-rate': 0 } });
const gate: OpenGateFacts = { cutoverId: 'orders-2026', firstRunId: 'run-1', gate: 'first-step', openedAt: opened, shown };
const request = { by: 'bob@example.com', decision: 'approve' as const, reason: null };
const statement = statementText({ ...gate, gateOpenedAt: new Date(opened).toISOString(), by: request.by, decision: 'approve', reason: null, expiresAt: new Date(opened + 600_000).toISOString() });

describe('signature verification inside the workflow sandbox', () => {
  const ssh = new SshWorkspace();
  let harness: Harness;
  beforeAll(async () => {
    harness = await connectHarness();
  });
  afterAll(async () => {
    await harness.close();
    ssh.close();
  });

  it('verifies ed25519, ECDSA and RSA signatures in a workflow and refuses a key of another principal', async () => {
    const taskQueue = uniqueId('signing-sandbox');
    const worker = await Worker.create({ connection: harness.connection, taskQueue, workflowsPath: require.resolve('./support/verify-in-sandbox') });
    const verify = (input: Parameters<typeof verifyDecisionInSandbox>[0]) =>
      harness.client.workflow.execute<typeof verifyDecisionInSandbox>('verifyDecisionInSandbox', { taskQueue, workflowId: uniqueId('verify'), args: [input] });
    await worker.runUntil(async () => {
      for (const kind of ['ed25519', 'ecdsa-384', 'rsa-3072'] as KeyKind[]) {
        const key = ssh.key(kind);
        const signed = { statement, signature: ssh.sign(key, DECISION_NAMESPACE, statement) };
        const base = { signed, gate, request, now: opened + 1_000 };
        await expect(verify({ ...base, allowedSigners: `bob@example.com ${key.publicKey}` })).resolves.toMatchObject({ ok: true, fingerprint: key.fingerprint });
        await expect(verify({ ...base, allowedSigners: `carol@example.com ${key.publicKey}` })).resolves.toMatchObject({ ok: false, reason: 'other-principal' });
      }
    });
  });
});
