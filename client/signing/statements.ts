/**
 * The statements the CLI signs, built from the cutover's own status as the person sees it. A gate
 * statement binds the digest of the view the CLI shows; when the gate's own digest (`shown`) differs,
 * the view changed or is misreported, and nothing is signed.
 */
import { controlStatementText, type ControlAction } from '../../workflows/signing/control-statement';
import { gateViewOf } from '../../workflows/signing/proof';
import { gateViewDigest, statementText, type Decision, type StatementVia } from '../../workflows/signing/statement';
import type { OpenGate } from '../../workflows/status';
import { formatDuration, parseDuration } from '../../workflows/runbook/duration';
import { CliError, UsageError } from '../errors';
import { EXIT } from '../exit-codes';

export const DEFAULT_EXPIRY_MS = 10 * 60_000;
/** A signed decision is a bearer proof until it expires: an hour is the longest the CLI will sign for. */
const MAX_EXPIRY_MS = 60 * 60_000;
const MIN_EXPIRY_MS = 10_000;

/** `--expires-in`: how long the signed statement may be used, within bounds. */
export function expiryMs(flag: string | undefined): number {
  if (flag === undefined) return DEFAULT_EXPIRY_MS;
  const ms = parseDuration(flag);
  if (ms === undefined) throw new UsageError(`--expires-in "${flag}" is not a duration: write one such as "5m" or "90s"`);
  if (ms < MIN_EXPIRY_MS || ms > MAX_EXPIRY_MS) {
    throw new UsageError(`--expires-in ${flag} is out of bounds: a signed decision may expire between ${formatDuration(MIN_EXPIRY_MS)} and ${formatDuration(MAX_EXPIRY_MS)} after signing`);
  }
  return ms;
}

/** The view changed between the cutover computing its digest and the CLI showing it, or is misreported. */
export class ViewMismatchError extends CliError {
  constructor(gate: string, shown: string, seen: string) {
    super(
      `will not sign: gate "${gate}" reports the view digest ${shown}, but what it shows digests to ${seen}; the view changed or is misreported`,
      EXIT.refused,
      'look at the gate again (cutover status <id>) and decide again',
    );
  }
}

export interface GateDecisionFacts {
  cutoverId: string;
  firstRunId: string;
  gate: OpenGate;
  by: string;
  decision: Decision;
  reason: string | null;
  /** Epoch ms. */
  now: number;
  expiresInMs: number;
  /** Set when a console signs for a person signed in through OpenID Connect. */
  via?: StatementVia | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function gateStatementText(facts: GateDecisionFacts): string {
  const seen = gateViewDigest(gateViewOf(facts.gate));
  // A worker that predates signed gates reports no digest: the statement binds what the CLI shows.
  if (facts.gate.shown !== undefined && facts.gate.shown !== seen) throw new ViewMismatchError(facts.gate.name, facts.gate.shown, seen);
  return statementText({
    cutoverId: facts.cutoverId,
    firstRunId: facts.firstRunId,
    gate: facts.gate.name,
    by: facts.by,
    decision: facts.decision,
    reason: facts.reason,
    gateOpenedAt: iso(Date.parse(facts.gate.openedAt)),
    shown: seen,
    expiresAt: iso(facts.now + facts.expiresInMs),
    via: facts.via ?? null,
  });
}

export interface ControlFacts {
  cutoverId: string;
  firstRunId: string;
  action: ControlAction;
  by: string;
  reason: string | null;
  now: number;
  expiresInMs: number;
  /** Set when a console signs for a person signed in through OpenID Connect. */
  via?: StatementVia | null;
}

export function controlText(facts: ControlFacts): string {
  return controlStatementText({
    cutoverId: facts.cutoverId,
    firstRunId: facts.firstRunId,
    action: facts.action,
    by: facts.by,
    reason: facts.reason,
    signedAt: iso(facts.now),
    expiresAt: iso(facts.now + facts.expiresInMs),
    via: facts.via ?? null,
  });
}
