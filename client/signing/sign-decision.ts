/**
 * Signs a person's decision before it is sent. The key: `--key`, else `key:` in the config file
 * (ssh-keygen takes that key's private half from ssh-agent when the agent holds it), else the
 * agent's first key, so a key that lives only in the agent or on a hardware token behind it signs.
 * Gate decisions and resumes under `approvals: signed` need a key (a resume lets a held cutover go
 * on), and a gate decision needs the gate as the cutover shows it: one whose status could not be read
 * is never sent, signed or not. Pause and abort are signed when one is at hand and sent unsigned
 * otherwise (stopping must stay easy), and the cutover records them as unverified.
 */
import { existsSync } from 'node:fs';
import type { ControlRequest } from '../../workflows/messages';
import { fingerprint } from '../../workflows/signing/public-key';
import { parseSshsig } from '../../workflows/signing/sshsig';
import type { StatementVia } from '../../workflows/signing/statement';
import type { SignedDecision } from '../../workflows/signing/verify-decision';
import type { CutoverStatus } from '../../workflows/status';
import type { Decision } from '../cutovers';
import { UnreachableError, UsageError } from '../errors';
import { signingKeyFromConfig } from '../identity';
import { agentPublicKey, signStatement, SigningError } from './sign-statement';
import { controlText, gateStatementText } from './statements';

/** The cutover's status could not be read (no worker answered): nothing to sign, so nothing is sent. */
export class UnreadableGateError extends UnreachableError {
  constructor(gate: string, id: string) {
    super(`cannot read gate "${gate}" of cutover ${id}: no worker answered; the decision was not sent`, `decide again once it answers: cutover status ${id}`);
  }
}

export interface KeyChoice {
  /** The key file; absent for the agent's first key. */
  file?: string;
  /** Where the choice came from, for messages: "--key", the config file, "ssh-agent". */
  source: string;
}

const KEY_SETUP_HINT =
  'set up a key once: ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519 && ssh-add ~/.ssh/id_ed25519, ask the worker\'s administrator to add ' +
  '"<your name> <the .pub line>" to its allowed signers; then decide again (or pass --key <private key file>)';

export async function chooseKey(flag: string | undefined, env: NodeJS.ProcessEnv): Promise<KeyChoice | null> {
  if (flag !== undefined) {
    if (!existsSync(flag)) throw new UsageError(`--key ${flag}: no such file`, 'pass the private key file you sign with, e.g. --key ~/.ssh/id_ed25519');
    return { file: flag, source: '--key' };
  }
  const configured = signingKeyFromConfig(env);
  if (configured) {
    if (!existsSync(configured.key)) throw new UsageError(`key in ${configured.file}: no such file: ${configured.key}`, 'write the private key file you sign with, e.g. "key: ~/.ssh/id_ed25519"');
    return { file: configured.key, source: configured.file };
  }
  return (await agentPublicKey(env)) ? { source: 'ssh-agent' } : null;
}

export interface SigningContext {
  id: string;
  firstRunId: string;
  status: CutoverStatus | null;
  key: KeyChoice | null;
  now: number;
  expiresInMs: number;
  env: NodeJS.ProcessEnv;
  /** The issuer and subject a console vouches for, when it signs for a signed-in person. */
  via?: StatementVia | null;
}

export interface Prepared {
  decision: Decision;
  /** What happened about the signature, for the person: "signed with …" or why not. */
  note: string;
}

/** "ssh-ed25519 SHA256:…" of the key that made the signature. */
function keyOfSignature(signed: SignedDecision): string {
  const key = parseSshsig(signed.signature).publicKey;
  return `${key.type} ${fingerprint(key)}`;
}

async function sign(statement: string, key: KeyChoice, env: NodeJS.ProcessEnv): Promise<{ signed: SignedDecision; note: string }> {
  const signed = await signStatement(statement, { key: key.file, env });
  return { signed, note: `signed with ${keyOfSignature(signed)} (from ${key.source})` };
}

export async function prepareDecision(decision: Decision, context: SigningContext): Promise<Prepared> {
  switch (decision.kind) {
    case 'approve':
    case 'reject':
      return prepareGateDecision(decision, context);
    default:
      return prepareControl(decision, context);
  }
}

async function prepareGateDecision(decision: Extract<Decision, { kind: 'approve' | 'reject' }>, context: SigningContext): Promise<Prepared> {
  const { status } = context;
  // Unread, the gate cannot be signed for; sent unsigned, a decision meant to be signed would be recorded as a typed name.
  if (!status) throw new UnreadableGateError(decision.request.gate, context.id);
  const gate = status.openGate;
  // Not open (or the run is over): the cutover refuses it in its own words; nothing to sign.
  if (status.outcome !== 'running' || !gate || gate.name !== decision.request.gate) return { decision, note: 'not signed: the gate is not open' };
  if (status.approvals === 'unverified') return { decision, note: 'not signed: identities are not verified in this cutover (approvals: unverified)' };
  if (!context.key) throw new UsageError(`no SSH key to sign this ${decision.kind === 'approve' ? 'approval' : 'rejection'} with: gate "${gate.name}" takes signed decisions only`, KEY_SETUP_HINT);
  const reason = decision.kind === 'approve' ? (decision.request.comment ?? null) : decision.request.reason;
  const statement = gateStatementText({
    cutoverId: context.id,
    firstRunId: context.firstRunId,
    gate,
    by: decision.request.by,
    decision: decision.kind,
    reason,
    now: context.now,
    expiresInMs: context.expiresInMs,
    via: context.via ?? null,
  });
  const { signed, note } = await sign(statement, context.key, context.env);
  return { decision: { ...decision, request: { ...decision.request, signed } } as Decision, note };
}

/** A resume of a running, paused cutover under `approvals: signed`: the cutover refuses it unsigned. */
function resumeNeedsKey(decision: Decision, status: CutoverStatus | null): boolean {
  return decision.kind === 'resume' && status !== null && status.outcome === 'running' && status.paused !== null && status.approvals !== 'unverified';
}

async function prepareControl(decision: Extract<Decision, { kind: 'pause' | 'resume' | 'abort' }>, context: SigningContext): Promise<Prepared> {
  const needsKey = resumeNeedsKey(decision, context.status);
  if (!context.key && needsKey) throw new UsageError('no SSH key to sign this resume with: under approvals: signed a resume lets the cutover go on, so it needs a verified identity', `${KEY_SETUP_HINT}; or resume from the console signed in as a subject its vouchers map to an approver`);
  if (!context.key) return { decision, note: 'not signed (no SSH key at hand): recorded as not verified' };
  const request: ControlRequest = decision.request;
  const statement = controlText({
    cutoverId: context.id,
    firstRunId: context.firstRunId,
    action: decision.kind,
    by: request.by,
    reason: request.reason ?? null,
    now: context.now,
    expiresInMs: context.expiresInMs,
    via: context.via ?? null,
  });
  try {
    const { signed, note } = await sign(statement, context.key, context.env);
    return { decision: { kind: decision.kind, request: { ...request, signed } }, note };
  } catch (err) {
    // A key that cannot sign never stops an abort or a pause: it goes unsigned and says so.
    if (!(err instanceof SigningError) || needsKey) throw err;
    return { decision, note: `not signed (${err.message}): recorded as not verified` };
  }
}
