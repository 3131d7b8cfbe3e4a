/**
 * How a decision was proven, in words, from the typed proof the cutover records (`data.proof` of an
 * approval, rejection, pause, resume or abort; the `data` of a refused attempt): never from prose.
 */
import type { DecisionProof, DecisionVia, RefusedAttempt } from '../../workflows/signing/proof';
import { escapeUnsafe } from '../../workflows/runbook/text';
import type { TimelineEntry } from '../../workflows/status';

/** What `plan`, `start`, `status`, `watch` and `report` say of a runbook or run under `approvals: unverified`. */
export const UNVERIFIED_NOTICE = 'identities were not verified (approvals: unverified)';

const PROOF_KINDS = new Set(['start', 'approval', 'rejection', 'pause', 'resume', 'abort']);
const isText = (value: unknown): value is string => typeof value === 'string';
const textOrNull = (value: unknown): string | null => (isText(value) ? value : null);

/** The recorded proof of a decision entry, or null for an entry without one (an older worker's). */
export function proofOf(entry: Pick<TimelineEntry, 'kind' | 'data'>): DecisionProof | null {
  if (!PROOF_KINDS.has(entry.kind)) return null;
  const proof = entry.data?.proof as Partial<DecisionProof> | undefined;
  if (!proof || typeof proof !== 'object' || typeof proof.verified !== 'boolean' || !isText(proof.principal)) return null;
  const via = viaOf(proof.via);
  return {
    verified: proof.verified,
    principal: proof.principal,
    keyType: textOrNull(proof.keyType),
    fingerprint: textOrNull(proof.fingerprint),
    statement: textOrNull(proof.statement),
    signature: textOrNull(proof.signature),
    unverifiedBecause: textOrNull(proof.unverifiedBecause),
    ...(via ? { via } : {}),
  };
}

function viaOf(value: unknown): DecisionVia | null {
  const via = value as Partial<DecisionVia> | null | undefined;
  if (!via || typeof via !== 'object' || !isText(via.console) || !isText(via.issuer) || !isText(via.subject)) return null;
  return { console: via.console, issuer: via.issuer, subject: via.subject };
}

/** A refused attempt's typed record, or null for any other entry. */
export function refusalOf(entry: Pick<TimelineEntry, 'kind' | 'data'>): RefusedAttempt | null {
  if (entry.kind !== 'refused') return null;
  const data = entry.data as Partial<RefusedAttempt> | undefined;
  if (!data || !isText(data.reason) || !isText(data.action)) return null;
  return {
    action: data.action,
    via: data.via === 'signal' ? 'signal' : 'update',
    gate: textOrNull(data.gate),
    claimed: isText(data.claimed) ? data.claimed : '',
    reason: data.reason,
    message: isText(data.message) ? data.message : '',
    fingerprint: textOrNull(data.fingerprint),
  };
}

/**
 * "ssh-ed25519 SHA256:…, verified", "not verified: unsigned", or for a console's decision "OIDC
 * subject 00u1abcd at https://login.example.com/, via console console@ops.example.com, ssh-ed25519
 * SHA256:…, signature verified". Issuer and subject come from the signed statement, so escaped.
 */
export function proofText(proof: DecisionProof): string {
  if (proof.verified && proof.via) {
    const { console, issuer, subject } = proof.via;
    const safe = (text: string) => escapeUnsafe(text, { oneLine: true });
    return `OIDC subject ${safe(subject)} at ${safe(issuer)}, via console ${safe(console)}, ${proof.keyType ?? 'key'} ${proof.fingerprint ?? '?'}, signature verified`;
  }
  if (proof.verified) return `${proof.keyType ?? 'key'} ${proof.fingerprint ?? '?'}, verified`;
  const key = proof.fingerprint ? `${proof.keyType ?? 'key'} ${proof.fingerprint}, ` : '';
  return `${key}not verified: ${proof.unverifiedBecause ?? 'unsigned'}`;
}

/**
 * "olivia (ssh-ed25519 SHA256:…, verified)" or "olivia (not verified: unsigned)", from the start's
 * entry in the timeline; the bare name for a run whose worker recorded no start proof, or before preflight.
 */
export function starterText(startedBy: string, timeline: Array<Pick<TimelineEntry, 'kind' | 'data'>>): string {
  const entry = timeline.find((candidate) => candidate.kind === 'start');
  const proof = entry && proofOf(entry);
  const adopting = entry?.data?.adoptWeights === true ? ', adopting the weights DNS read (--adopt-weights)' : '';
  return `${proof ? `${startedBy} (${proofText(proof)})` : startedBy}${adopting}`;
}

/** "refused (bad-signature, via signal, key SHA256:…)". */
export function refusalText(refused: RefusedAttempt): string {
  const details = [refused.reason, refused.via === 'signal' ? 'via signal' : null, refused.fingerprint ? `key ${refused.fingerprint}` : null].filter(Boolean);
  return `refused (${details.join(', ')})`;
}

/** What a timeline line adds after the entry's message: its proof, or a refusal's typed reason. */
export function proofSuffix(entry: Pick<TimelineEntry, 'kind' | 'data'>): string {
  const proof = proofOf(entry);
  if (proof) return ` (${proofText(proof)})`;
  const refused = refusalOf(entry);
  return refused ? ` [${refused.reason}]` : '';
}
