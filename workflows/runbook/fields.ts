/** Field types shared by every part of the runbook schema. */
import { z } from 'zod';
import { DURATION_HINT, parseDuration } from './duration';
import { LIMITS } from './limits';
import { escapeUnsafe, identityProblem, unsafeCharacter } from './text';

/** What was written, short and with anything a terminal would obey escaped, for a message. */
export function quoteInput(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `"${escapeUnsafe(short, { oneLine: true })}"`;
}

export const duration = z
  .string({ error: `expected ${DURATION_HINT}` })
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `${quoteInput(text)} is not ${DURATION_HINT}` });
      return z.NEVER;
    }
    // Also catches digits enough to overflow to Infinity: a bound, never "2.4e+24h" in a plan.
    if (!(ms <= LIMITS.durationMs)) {
      ctx.addIssue({ code: 'custom', message: `${quoteInput(text)} is longer than 30 days (720h), the longest any duration may be; write e.g. "2h"` });
      return z.NEVER;
    }
    return ms;
  });

export const name = z
  .string()
  .max(LIMITS.nameLength)
  // Spelled out rather than /i: JSON Schema patterns carry no flags, so the generated schema would
  // reject upper-case names that zod accepts.
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" or "-", starting with a letter or digit');

/**
 * The name of a thing in a cloud (a record, a task, a queue, a channel): one line, no character a
 * terminal would obey or hide, since it is printed in status, plans and reports.
 */
export function identifier(max: number = LIMITS.identifierLength) {
  return z
    .string()
    .min(1)
    .max(max)
    .check((ctx) => {
      const unsafe = unsafeCharacter(ctx.value, { oneLine: true });
      if (unsafe) ctx.issues.push({ code: 'custom', input: ctx.value, message: `contains ${unsafe}, which a terminal would not show as it is; remove it` });
    });
}

/** Text for people (a description) or a query: line breaks and tabs may stay, other controls may not. */
export function freeText(max: number) {
  return z
    .string()
    .max(max)
    .check((ctx) => {
      const unsafe = unsafeCharacter(ctx.value);
      if (unsafe) ctx.issues.push({ code: 'custom', input: ctx.value, message: `contains ${unsafe}, which a terminal would not show as it is; remove it` });
    });
}

/** Who may decide a gate: an identity in a visible ASCII set, so "car\u200bol" cannot pose as "carol". */
export const approver = z.string().check((ctx) => {
  const problem = identityProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: `an approver's name ${problem}` });
});

const BASELINE_FACTOR = /^baseline\s*[*x×]\s*(\d+(?:\.\d+)?)$/i;
const thresholdValue = z.union([
  z.number(),
  z.string().transform((text, ctx) => {
    const match = BASELINE_FACTOR.exec(text.trim());
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `${quoteInput(text)} is not a threshold: write a number (0.05) or "baseline * 1.5"` });
      return z.NEVER;
    }
    const factor = Number(match[1]);
    if (!(factor <= LIMITS.baselineFactor)) {
      ctx.addIssue({ code: 'custom', message: `the factor of "baseline * k" may be at most ${LIMITS.baselineFactor}; write e.g. "baseline * 1.5"` });
      return z.NEVER;
    }
    return { baselineFactor: factor };
  }),
]);

/** A trigger fires when the value goes above (or below) the limit. */
export const threshold = z
  .strictObject({ above: thresholdValue.optional(), below: thresholdValue.optional() })
  .check((ctx) => {
    const { above, below } = ctx.value;
    if ((above === undefined) === (below === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: 'set exactly one of "above" or "below", e.g. { above: 0.05 } or { above: "baseline * 1.5" }',
      });
    }
  })
  .transform(({ above, below }) => {
    const direction: 'above' | 'below' = above !== undefined ? 'above' : 'below';
    const limit = (above ?? below)!;
    return typeof limit === 'number'
      ? { direction, value: limit, relativeToBaseline: false as boolean }
      : { direction, value: limit.baselineFactor, relativeToBaseline: true as boolean };
  });
