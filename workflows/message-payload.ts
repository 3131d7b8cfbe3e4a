/**
 * Parse a message's payload or say why, and keep a handler from ever failing a workflow task.
 *
 * A Signal or an Update carries whatever its sender put in it (`temporal workflow signal --input`
 * takes any JSON): a gate that is an object, a name with a `toString` key, a list where text belongs.
 * Every handler of every workflow reads its payload through a zod schema here before using a field,
 * and registers through these two functions instead of `setHandler`, so each refuses the same way:
 *
 * - `setUpdateHandler`: a payload the schema refuses is refused by the validator, before history,
 *   naming the field and what it must be; an error the handler did not mean (a bug: anything but a
 *   Temporal failure) fails the Update as an ApplicationFailure instead of the workflow task.
 * - `setSignalHandler`: a Signal has no caller to answer, so a refused payload, and any error the
 *   handler throws, goes to the workflow's `refused` callback to be recorded (within its budget). Nothing a signal
 *   handler throws reaches the SDK: an ApplicationFailure there would fail the whole workflow, any
 *   other error the workflow task (TypeScript SDK 1.24, internals.ts `signalWorkflow`), and the
 *   cutover's analysis and rollback would stop with it.
 *
 * A later workflow (a resource lease, say) defines a schema per message and calls these two.
 */
import { ApplicationFailure, TemporalFailure, setHandler, type SignalDefinition } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common/lib/interfaces';
import { z } from 'zod';
import { escapeUnsafe } from './runbook/text';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The ApplicationFailure type of an Update refused for its payload or its state. */
export const REFUSED = 'Refused';
/** The ApplicationFailure type of an Update whose handler failed on something it did not expect. */
export const HANDLER_FAILED = 'HandlerFailed';

/**
 * Text of at most `max` characters. Write a payload's text fields with this, not `z.string().max()`:
 * zod 4.6 runs a length check even on a value that failed the type check, whenever it has a
 * `length` (its `when: has length`), and `{"length": {"toString": 1}}` makes that check throw.
 * Piped, the length is checked only on text.
 */
export function boundedText(max: number) {
  return z.string().pipe(z.string().max(max));
}

/** Reads `payload` through `schema`; the problem names the message, the field and what it must be. */
export function parsePayload<T>(message: string, schema: z.ZodType<T>, payload: unknown): Parsed<T> {
  try {
    const parsed = schema.safeParse(payload, { reportInput: true });
    if (parsed.success) return { ok: true, value: parsed.data };
    // zod finalizes its issues lazily, and its default messages read the input's `constructor.name`:
    // a payload can make that throw too, so the issues are read inside the same guard.
    const problems = parsed.error.issues.slice(0, 3).map(issueText);
    return { ok: false, problem: `${message}: ${problems.join('; ')}` };
  } catch {
    // A schema that throws is a bug in it (see boundedText); the payload is refused all the same.
    return { ok: false, problem: `${message}: the payload could not be read as one` };
  }
}

/** Registers an Update whose validator and handler receive the parsed payload only. */
export function setUpdateHandler<Ret, Arg>(
  update: UpdateDefinition<Ret, [Arg]>,
  schema: z.ZodType<Arg>,
  handler: (request: Arg) => Ret | Promise<Ret>,
  validator?: (request: Arg) => void,
): void {
  const read = (payload: unknown): Arg => {
    const parsed = parsePayload(update.name, schema, payload);
    if (!parsed.ok) throw ApplicationFailure.nonRetryable(parsed.problem, REFUSED);
    return parsed.value;
  };
  setHandler(
    update,
    ((payload: unknown) => {
      try {
        const result = handler(read(payload));
        return isPromise(result) ? result.catch((err: unknown) => { throw asUpdateFailure(update.name, err); }) : result;
      } catch (err) {
        throw asUpdateFailure(update.name, err);
      }
    }) as (request: Arg) => Promise<Ret>,
    {
      validator: ((payload: unknown) => {
        try {
          validator?.(read(payload));
        } catch (err) {
          throw asUpdateFailure(update.name, err);
        }
      }) as (request: Arg) => void,
    },
  );
}

/**
 * Registers a Signal whose handler receives the parsed payload only. `refused` hears every payload
 * the schema refuses and every error the handler throws, with the words to record; it must not throw
 * (if it does, the Signal is dropped rather than let it fail the workflow task).
 */
export function setSignalHandler<Arg>(
  signal: SignalDefinition<[Arg]>,
  schema: z.ZodType<Arg>,
  handler: (request: Arg) => void | Promise<void>,
  refused: (refusal: SignalRefusal, payload: unknown) => void,
): void {
  const refuse = (refusal: SignalRefusal, payload: unknown) => {
    try {
      refused(refusal, payload);
    } catch {
      // The record could not keep it; dropping the Signal is the only way left to keep the run going.
    }
  };
  setHandler(signal, ((payload: unknown) => {
    const parsed = parsePayload(signal.name, schema, payload);
    if (!parsed.ok) return refuse({ reason: 'bad-request', message: parsed.problem }, payload);
    const failed = (err: unknown) => refuse({ reason: 'handler-failed', message: failedText(signal.name, err) }, payload);
    try {
      const result = handler(parsed.value);
      if (isPromise(result)) return result.catch(failed);
    } catch (err) {
      failed(err);
    }
  }) as (request: Arg) => void);
}

/** Why a Signal was not acted on: its payload (`bad-request`), or a bug in its handler (`handler-failed`). */
export interface SignalRefusal {
  reason: 'bad-request' | 'handler-failed';
  message: string;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** A Temporal failure (a refusal) fails the Update as it is; anything else is a bug, told as one. */
function asUpdateFailure(name: string, err: unknown): TemporalFailure {
  if (err instanceof TemporalFailure) return err;
  return ApplicationFailure.nonRetryable(failedText(name, err), HANDLER_FAILED);
}

function failedText(name: string, err: unknown): string {
  const message = err instanceof Error ? err.message : 'a value that is not an error was thrown';
  return `${name} failed inside the workflow (${escapeUnsafe(message.slice(0, 300), { oneLine: true })}); the run goes on`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
  undefined: 'left out',
};

/** What the sender wrote, in a word: never its content, which may be huge or hostile. */
function kindOf(input: unknown): string {
  if (input === null) return 'null';
  if (input === undefined) return 'nothing';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'string') return `text of ${input.length} characters`;
  return EXPECTED[typeof input] ?? typeof input;
}

function issueText(issue: z.core.$ZodIssue): string {
  const field = issue.path.length === 0 ? 'the payload' : issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : String(key))).join('.').replace(/\.\[/g, '[');
  switch (issue.code) {
    case 'invalid_type':
      return `${field} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${kindOf(issue.input)}`;
    case 'too_big':
      return issue.origin === 'string' ? `${field} must be at most ${issue.maximum} characters, not ${kindOf(issue.input)}` : `${field} must be at most ${issue.maximum}`;
    case 'too_small':
      return issue.origin === 'string' ? `${field} must not be empty` : `${field} must be at least ${issue.minimum}`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'unrecognized_keys':
      return `${field} may not hold ${issue.keys.slice(0, 3).map((key) => JSON.stringify(escapeUnsafe(key.slice(0, 40), { oneLine: true }))).join(', ')}`;
    default:
      return `${field}: ${issue.message}`;
  }
}
