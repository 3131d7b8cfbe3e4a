/**
 * What a signed-in person asks for from the page, read into the same `Decision` the CLI sends, with
 * `by` always the person's own principal (never a name the page sends). Bad input is refused here,
 * naming the field, before anything is signed or sent.
 */
import { z } from 'zod';
import { freeTextProblem } from '../../workflows/decisions/request';
import type { Decision } from '../cutovers';

export const DECISION_KINDS = ['approve', 'reject', 'pause', 'resume', 'abort'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

const text = (field: string, missing = `${field}: write it as text`) => z.string({ error: missing }).trim().max(500, `${field}: at most 500 characters`)
  .superRefine((value, context) => {
    const problem = freeTextProblem(field, value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
const required = (field: string) => {
  const missing = `${field}: say why; it is recorded with the decision`;
  return text(field, missing).refine((value) => value !== '', missing);
};
/** The gate's view digest as the page showed it: the decision is for that view and no other. */
const shown = z.string({ error: 'shown: send the digest of the gate view the page showed (openGate.shown)' }).regex(/^sha256:[0-9a-f]{64}$/, 'shown: expected sha256: and 64 hex digits');
const gate = z.string({ error: 'gate: name the gate to decide' }).min(1, 'gate: name the gate to decide');

const BODIES = {
  approve: z.object({ gate, shown: shown.optional(), comment: text('comment').optional() }),
  reject: z.object({ gate, shown: shown.optional(), reason: required('reason') }),
  pause: z.object({ reason: text('reason').optional() }),
  resume: z.object({ reason: text('reason').optional() }),
  abort: z.object({ reason: required('reason') }),
};

export type DecisionRequest = { decision: Decision; shown: string | null } | { problem: string };

export function decisionRequestOf(kind: DecisionKind, body: unknown, by: string): DecisionRequest {
  const parsed = BODIES[kind].safeParse(body ?? {});
  if (!parsed.success) return { problem: parsed.error.issues.map((issue) => issue.message).join('; ') };
  const value = parsed.data as { gate?: string; shown?: string; comment?: string; reason?: string };
  const reason = value.reason ? { reason: value.reason } : {};
  switch (kind) {
    case 'approve':
      return { decision: { kind, request: { gate: value.gate!, by, ...(value.comment ? { comment: value.comment } : {}) } }, shown: value.shown ?? null };
    case 'reject':
      return { decision: { kind, request: { gate: value.gate!, by, reason: value.reason! } }, shown: value.shown ?? null };
    default:
      return { decision: { kind, request: { by, ...reason } }, shown: null };
  }
}
