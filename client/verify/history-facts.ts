/**
 * What `cutover verify` reads from a cutover's workflow history, run after run: the first run's id
 * and runbook policy, the decisions the cutover accepted (its memo upserts, `decision.<seq>`), and
 * every decision request that reached it (accepted updates and signals), each with its event's time.
 *
 * A history comes as the SDK's objects (`fetchHistory`) or as proto3 JSON (what `temporal workflow
 * show --output json` writes: bytes in base64, times as RFC 3339 text). Both are read here by the
 * few fields verify needs, rather than through the SDK's `historyFromJSON`, which fails in this
 * install ("type must be a Type": @temporalio/common carries a protobufjs of its own).
 */
import { DECISION_MEMO_PREFIX, type AcceptedDecisionMemo } from '../../workflows/signing/proof';
import type { SignedDecision } from '../../workflows/signing/verify-decision';
import { LAST_KNOWN_MEMO } from '../../workflows/last-known';
import { knownStateOf, requiredApprovals, type KnownState } from './history-states';

/** A history in either form, read loosely: every field may be missing. */
type Loose = any;

export type Action = AcceptedDecisionMemo['action'];

/** A decision request as it reached the cutover. */
export interface DecisionRequest {
  action: Action;
  via: 'update' | 'signal';
  by: string;
  gate: string | null;
  /** The approver's comment or the reason, as the statement binds it. */
  reason: string | null;
  signed: SignedDecision | null;
  /** Epoch ms of the event. */
  at: number;
  /** The run and event, to name the request; `order` counts events across runs. */
  runId: string;
  eventId: string;
  order: number;
  /** An update's id and how it completed: null for a signal, or an update with no completion in the history given. */
  updateId: string | null;
  completed: 'success' | 'failure' | null;
}

export interface AcceptedDecision {
  memo: AcceptedDecisionMemo;
  /** Epoch ms of the memo's upsert. */
  at: number;
  runId: string;
  eventId: string;
  order: number;
}

/** The cutover's start as its first run's input carries it. */
export interface StartFacts {
  by: string;
  runbook: unknown;
  signed: SignedDecision | null;
  /** The start adopted the weights DNS read (`--adopt-weights`), which its statement must say too. */
  adoptWeights: boolean;
  /** Epoch ms of the start event. */
  at: number;
}

export interface HistoryFacts {
  firstRunId: string | null;
  start: StartFacts | null;
  approvals: 'signed' | 'unverified' | null;
  accepted: AcceptedDecision[];
  requests: DecisionRequest[];
  /** Where the cutover was, each time it wrote its last-known state to the memo (every gate and pause change). */
  states: KnownState[];
  /** Approvals each gate needs (`approvals: n`), from the runbook the first run started with. */
  gateApprovals: Record<string, number>;
  /** Runs missing or out of order: a decision of a run left out would go unseen. */
  gaps: string[];
}

// A wave's gates take `approve-wave` and `reject-wave`: the same requests, signed the same way.
const UPDATE_ACTIONS: Record<string, Action> = { approve: 'approve', reject: 'reject', pause: 'pause', resume: 'resume', abort: 'abort', 'approve-wave': 'approve', 'reject-wave': 'reject' };
const SIGNAL_ACTIONS: Record<string, Action> = { 'approve-signal': 'approve', 'reject-signal': 'reject' };

function bytesOf(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value, 'base64');
  return null;
}

const utf8 = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString('utf8') : '');

/** A `json/plain` payload's value; undefined for any other encoding or a broken one. */
function decode(payload: Loose): unknown {
  if (!payload || utf8(bytesOf(payload.metadata?.encoding)) !== 'json/plain') return undefined;
  try {
    return JSON.parse(utf8(bytesOf(payload.data)));
  } catch {
    return undefined;
  }
}

const ACTIONS = ['approve', 'reject', 'pause', 'resume', 'abort'];

function isMemo(value: unknown): value is AcceptedDecisionMemo {
  const memo = value as Partial<AcceptedDecisionMemo> | null;
  return (
    !!memo &&
    typeof memo === 'object' &&
    Number.isInteger(memo.seq) &&
    ACTIONS.includes(memo.action as string) &&
    (memo.via === 'update' || memo.via === 'signal') &&
    typeof memo.principal === 'string' &&
    typeof memo.verified === 'boolean' &&
    (memo.gate === null || typeof memo.gate === 'string') &&
    (memo.fingerprint === null || typeof memo.fingerprint === 'string') &&
    (memo.signatureDigest === null || typeof memo.signatureDigest === 'string') &&
    typeof memo.at === 'string' &&
    (memo.vouched === undefined || memo.vouched === null || (typeof memo.vouched === 'object' && ['console', 'issuer', 'subject'].every((field) => typeof (memo.vouched as unknown as Record<string, unknown>)[field] === 'string')))
  );
}

/** Epoch ms of an event time: RFC 3339 text (nanoseconds cut to milliseconds) or `{seconds, nanos}`. */
function msOf(time: Loose): number {
  if (typeof time === 'string') return Date.parse(time.replace(/(\.\d{3})\d+/, '$1'));
  if (time && time.seconds !== undefined) return Number(time.seconds.toString()) * 1_000 + Math.floor(Number(time.nanos ?? 0) / 1e6);
  return Number.NaN;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function signedOf(value: unknown): SignedDecision | null {
  const signed = value as Partial<SignedDecision> | null | undefined;
  return signed && typeof signed.statement === 'string' && typeof signed.signature === 'string' ? { statement: signed.statement, signature: signed.signature } : null;
}

function requestOf(action: Action, via: DecisionRequest['via'], arg: unknown, where: Pick<DecisionRequest, 'at' | 'runId' | 'eventId' | 'order'>): DecisionRequest | null {
  if (!arg || typeof arg !== 'object') return null;
  const request = arg as Record<string, unknown>;
  // The cutover takes a gate decision's principal trimmed, as the CLI sends it.
  const by = text(request.by)?.trim() ?? null;
  if (by === null) return null;
  const reason = action === 'approve' ? text(request.comment) : text(request.reason);
  return { action, via, by, gate: text(request.gate), reason, signed: signedOf(request.signed), updateId: null, completed: null, ...where };
}

/** Facts of a cutover's runs' histories, first run first. */
export function historyFacts(histories: unknown[]): HistoryFacts {
  const facts: HistoryFacts = { firstRunId: null, start: null, approvals: null, accepted: [], requests: [], states: [], gateApprovals: {}, gaps: [] };
  const outcomes = new Map<string, 'success' | 'failure'>();
  let previousRunId: string | null = null;
  let order = 0;
  histories.forEach((history: Loose, index) => {
    let runId = `run ${index + 1}`;
    for (const event of (history?.events ?? []) as Loose[]) {
      order += 1;
      const at = msOf(event.eventTime);
      const eventId = String(event.eventId ?? '');
      const where = () => ({ at, runId, eventId, order });
      const started = event.workflowExecutionStartedEventAttributes;
      if (started) {
        runId = started.originalExecutionRunId || runId;
        const continued = started.continuedExecutionRunId || null;
        if (index === 0 && continued) facts.gaps.push(`the first history given is run ${runId}, which continues run ${continued}: give every run, first run first`);
        if (index > 0 && continued !== previousRunId) facts.gaps.push(`history ${index + 1} (run ${runId}) does not continue the one before it (run ${previousRunId}): give every run, in order`);
        if (index === 0) {
          facts.firstRunId = started.firstExecutionRunId || started.originalExecutionRunId || null;
          const input = decode(started.input?.payloads?.[0]) as { runbook?: { approvals?: unknown }; wave?: { approvals?: unknown }; startedBy?: unknown; signedStart?: unknown; adoptWeights?: unknown } | undefined;
          const policy = input?.runbook?.approvals ?? input?.wave?.approvals;
          facts.approvals = policy === 'signed' || policy === 'unverified' ? policy : null;
          facts.gateApprovals = requiredApprovals(input?.runbook);
          const by = text(input?.startedBy);
          if (by !== null && input?.runbook) facts.start = { by, runbook: input.runbook, signed: signedOf(input.signedStart), adoptWeights: input.adoptWeights === true, at };
        }
      }
      const modified = event.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields;
      for (const [key, payload] of Object.entries((modified ?? {}) as Record<string, unknown>)) {
        if (key === LAST_KNOWN_MEMO) {
          const state = knownStateOf(decode(payload));
          if (state) facts.states.push({ ...state, ...where() });
          else facts.gaps.push(`the memo entry ${key} of run ${runId} is not a state the cutover could have written`);
        }
        if (!key.startsWith(DECISION_MEMO_PREFIX)) continue;
        const memo = decode(payload);
        if (isMemo(memo)) facts.accepted.push({ memo, ...where() });
        else facts.gaps.push(`the memo entry ${key} of run ${runId} is not a decision the cutover could have written`);
      }
      const update = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
      const updateAction = update?.name ? UPDATE_ACTIONS[update.name] : undefined;
      if (update && updateAction) {
        const request = requestOf(updateAction, 'update', decode(update.args?.payloads?.[0]), where());
        const updateId = text(event.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest?.meta?.updateId);
        if (request) facts.requests.push({ ...request, updateId });
      }
      const completed = event.workflowExecutionUpdateCompletedEventAttributes;
      const completedId = text(completed?.meta?.updateId);
      if (completedId !== null) outcomes.set(`${runId} ${completedId}`, completed.outcome?.failure ? 'failure' : 'success');
      const signal = event.workflowExecutionSignaledEventAttributes;
      const signalAction = signal?.signalName ? SIGNAL_ACTIONS[signal.signalName] : undefined;
      if (signal && signalAction) {
        const request = requestOf(signalAction, 'signal', decode(signal.input?.payloads?.[0]), where());
        if (request) facts.requests.push(request);
      }
    }
    for (const request of facts.requests) {
      if (request.runId === runId && request.updateId !== null) request.completed = outcomes.get(`${runId} ${request.updateId}`) ?? null;
    }
    previousRunId = runId;
    const events = (history?.events ?? []) as Loose[];
    const next = events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    if (next && index === histories.length - 1) facts.gaps.push(`the last history given (run ${runId}) continued as run ${next}: give that run too`);
  });
  return facts;
}
