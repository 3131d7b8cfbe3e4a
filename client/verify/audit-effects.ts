/**
 * What the history shows the cutover did, held against the decisions its memo lists: a gate passed
 * or a resume that took effect needs an accepted, verified decision recorded for it, and every
 * update the cutover accepted and completed needs its decision in the memo. A decision erased from
 * an exported history (its update events and its memo entry) leaves the gate it passed, or the
 * resume, with none: verify names it and when. Pure.
 */
import type { AcceptedDecision, DecisionRequest, HistoryFacts } from './history-facts';
import { gatesPassed, resumesTookEffect } from './history-states';

/** An accepted decision as verify judged it. */
export interface Judged {
  accepted: AcceptedDecision;
  verified: boolean;
}

export interface EffectProblem {
  kind: 'gate-passed' | 'resumed' | 'update-not-in-memo';
  gate: string | null;
  /** ISO 8601 UTC: when the history shows it. */
  at: string;
  problem: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

function gateProblems(facts: HistoryFacts, judged: Judged[]): EffectProblem[] {
  return gatesPassed(facts.states).flatMap(({ gate, opened, passed }) => {
    const required = facts.gateApprovals[gate] ?? 1;
    const approvers = new Set(
      judged
        .filter(({ accepted, verified }) => verified && accepted.memo.action === 'approve' && accepted.memo.gate === gate && accepted.order > opened.order && accepted.order < passed.order)
        .map(({ accepted }) => accepted.memo.principal),
    );
    if (approvers.size >= required) return [];
    const found = approvers.size === 0 ? 'without an accepted, verified approval recorded for it' : `with ${approvers.size} of the ${required} accepted, verified approvals it needs recorded for it`;
    return [{ kind: 'gate-passed' as const, gate, at: iso(passed.at), problem: `gate "${gate}" was passed at ${iso(passed.at)} (open since ${iso(opened.at)}) ${found}` }];
  });
}

function resumeProblems(facts: HistoryFacts, judged: Judged[]): EffectProblem[] {
  return resumesTookEffect(facts.states).flatMap(({ paused, resumed }) => {
    // The cutover lists the resume right after the state that shows it resumed, before any later state.
    const next = facts.states.find((state) => state.order > resumed.order)?.order ?? Number.POSITIVE_INFINITY;
    const recorded = judged.some(({ accepted, verified }) => verified && accepted.memo.action === 'resume' && accepted.order > paused.order && accepted.order < next);
    if (recorded) return [];
    return [{ kind: 'resumed' as const, gate: null, at: iso(resumed.at), problem: `a resume took effect at ${iso(resumed.at)} (paused since ${iso(paused.at)}) without an accepted, verified resume recorded for it` }];
  });
}

/** The memo entry the cutover wrote for this request: same action, person, gate and signature, after it. */
function listed(request: DecisionRequest, memo: AcceptedDecision, digest: (signature: string) => string): boolean {
  const { memo: m } = memo;
  return (
    memo.order > request.order &&
    m.via === 'update' &&
    m.action === request.action &&
    m.principal === request.by &&
    (m.gate === null || m.gate === request.gate) &&
    m.signatureDigest === (request.signed ? digest(request.signed.signature) : null)
  );
}

function updateProblems(facts: HistoryFacts, accepted: AcceptedDecision[], digest: (signature: string) => string): EffectProblem[] {
  const used = new Set<AcceptedDecision>();
  return facts.requests.flatMap((request) => {
    if (request.via !== 'update' || request.completed !== 'success') return [];
    const memo = accepted.find((candidate) => !used.has(candidate) && listed(request, candidate, digest));
    if (memo) {
      used.add(memo);
      return [];
    }
    const gate = request.gate && (request.action === 'approve' || request.action === 'reject') ? ` of gate "${request.gate}"` : '';
    return [
      {
        kind: 'update-not-in-memo' as const,
        gate: gate ? request.gate : null,
        at: iso(request.at),
        problem: `the history shows ${request.action}${gate} by ${request.by} accepted at ${iso(request.at)} (update ${request.updateId}, run ${request.runId}), but the memo lists no decision for it: the memo or the history was changed`,
      },
    ];
  });
}

/** Every effect in the history without the decision it needs, in the order the history shows them. */
export function auditEffects(facts: HistoryFacts, judged: Judged[], digest: (signature: string) => string): EffectProblem[] {
  const problems = [...gateProblems(facts, judged), ...resumeProblems(facts, judged), ...updateProblems(facts, judged.map((entry) => entry.accepted), digest)];
  return problems.sort((left, right) => Date.parse(left.at) - Date.parse(right.at));
}
