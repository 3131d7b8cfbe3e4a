/**
 * How long one signed decision takes to verify in the pure code an update validator runs, per key
 * type: signatures made by ssh-keygen, each verified many times on this machine's main thread.
 */
import { parseAllowedSigners } from '../../workflows/signing/allowed-signers';
import { DECISION_NAMESPACE, gateViewDigest, statementText, type OpenGateFacts } from '../../workflows/signing/statement';
import { verifySignedDecision } from '../../workflows/signing/verify-decision';
import { SshWorkspace, type KeyKind } from '../support/ssh';
import { median, percentile } from './figures';

const ROUNDS = 200;
const opened = Date.UTC(2026, 10, 29, 23, 0);
const gate: OpenGateFacts = { cutoverId: 'bench', firstRunId: 'run-1', gate: 'half-way', openedAt: opened, shown: gateViewDigest({ step: 2, weights: { blue: 50, green: 50 }, lagSeconds: 0.4, metrics: { 'error-rate': 0.001 } }) };
const request = { by: 'bob@example.com', decision: 'approve' as const, reason: null };
const statement = statementText({ ...gate, gateOpenedAt: new Date(opened).toISOString(), by: request.by, decision: 'approve', reason: null, expiresAt: new Date(opened + 600_000).toISOString() });

const ssh = new SshWorkspace();
try {
  console.log(`verifying one signed decision, ${ROUNDS} rounds per key type (median / p99 ms)`);
  for (const kind of ['ed25519', 'ecdsa-256', 'ecdsa-384', 'ecdsa-521', 'rsa-3072'] as KeyKind[]) {
    const key = ssh.key(kind);
    const signers = parseAllowedSigners(`bob@example.com ${key.publicKey}`);
    const signed = { statement, signature: ssh.sign(key, DECISION_NAMESPACE, statement) };
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      if (!verifySignedDecision(signed, signers, gate, request, opened + 1_000).ok) throw new Error(`${kind}: the signature did not verify`);
      times.push(performance.now() - started);
    }
    console.log(`${kind.padEnd(10)} ${median(times).toFixed(2).padStart(7)} ${percentile(times, 0.99).toFixed(2).padStart(7)}`);
  }
} finally {
  ssh.close();
}
