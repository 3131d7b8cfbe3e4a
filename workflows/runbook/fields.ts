/** Field types shared by every part of the runbook schema. */
import { z } from 'zod';
import { DURATION_HINT, parseDuration } from './duration';

export const duration = z
  .string({ error: `expected ${DURATION_HINT}` })
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not ${DURATION_HINT}` });
      return z.NEVER;
    }
    return ms;
  });

export const name = z
  .string()
  // Spelled out rather than /i: JSON Schema patterns carry no flags, so the generated schema would
  // reject upper-case names that zod accepts.
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" or "-", starting with a letter or digit');


const BASELINE_FACTOR = /^baseline\s*[*x×]\s*(\d+(?:\.\d+)?)$/i;
const thresholdValue = z.union([
  z.number(),
  z.string().transform((text, ctx) => {
    const match = BASELINE_FACTOR.exec(text.trim());
    if (!match) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a threshold: write a number (0.05) or "baseline * 1.5"` });
      return z.NEVER;
    }
    return { baselineFactor: Number(match[1]) };
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

