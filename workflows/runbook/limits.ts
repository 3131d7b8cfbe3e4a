/**
 * How large a runbook and each of its parts may be. A runbook is the cutover workflow's input, so it
 * lands in Temporal's history and must stay far from the server's limits (a workflow id of at most
 * 1,000 characters by default, `limit.maxIDLength`; payloads of at most 2 MiB, with a warning at
 * 512 KiB, `limit.blobSize.error` and `.warn`): a runbook that validates must never be refused there.
 * The rest bound what an operator could mean, so a slip (a pasted log, a runaway anchor) is a clear
 * problem instead of a surprise hours into a cutover.
 */
import type { RunbookProblem } from './problems';

export const DAY_MS = 86_400_000;

export const LIMITS = {
  /** The runbook file, checked before it is parsed. */
  fileBytes: 1024 * 1024,
  /** The validated runbook as JSON, the bulk of the workflow input: a quarter of the server's warning size. */
  inputBytes: 128 * 1024,
  /** The runbook name: the default cutover id adds "-yyyyMMdd-HHmmss" (16 characters). */
  nameLength: 100,
  /** A cutover id given with `cutover start --id`. */
  cutoverIdLength: 200,
  descriptionLength: 4_000,
  /** A PromQL or simulated query. */
  queryLength: 4_000,
  urlLength: 2_048,
  /** Record, task, queue, channel and other names of things in a cloud. */
  identifierLength: 256,
  headerNameLength: 128,
  headerValueLength: 1_024,
  /** The longest any duration may be: a cutover that waits longer than a month is not a cutover. */
  durationMs: 30 * DAY_MS,
  /** A relative threshold's factor ("baseline * k"). */
  baselineFactor: 1_000_000,
  consecutiveErrorLimit: 100,
  queueMaxMessages: 1_000_000_000,
  list: {
    steps: 20,
    metrics: 50,
    checks: 50,
    tests: 20,
    gates: 20,
    approvers: 50,
    queues: 50,
    notifications: 20,
    headers: 20,
    dimensions: 30,
    expectStatus: 50,
    addresses: 20,
    /** Applications of one wave: a migration team moves dozens in a night; a thousand is a programme. */
    applications: 1_000,
  },
} as const;

/** Bytes of `value` as JSON in UTF-8, as Temporal's default data converter stores it. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** The whole runbook, when as the cutover's input it would not fit well under the server's payload limits. */
export function inputSizeProblem(runbook: unknown): RunbookProblem | null {
  const bytes = jsonBytes(runbook);
  if (bytes <= LIMITS.inputBytes) return null;
  const kib = (n: number) => `${Math.ceil(n / 1024)} KiB`;
  return {
    path: '',
    message:
      `the runbook comes to ${kib(bytes)} as the cutover's input, more than the ${kib(LIMITS.inputBytes)} allowed ` +
      '(it is stored in the workflow history, whose server refuses large payloads): shorten descriptions and queries, ' +
      'or list fewer metrics, checks, headers and queues',
  };
}
