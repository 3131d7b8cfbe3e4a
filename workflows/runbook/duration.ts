/**
 * Durations in runbooks are written as strings ("90s", "5m", "1h30m", "250ms") and carried as
 * milliseconds once validated. Pure: used by the schema and by the workflow.
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;

export const DURATION_HINT = 'a duration such as "90s", "5m", "1h30m" or "250ms"';

/** Milliseconds for a duration string, or undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const compact = text.trim();
  if (!WHOLE.test(compact)) return undefined;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(PART)) {
    total += Number(amount) * UNIT_MS[unit!]!;
  }
  return Math.round(total);
}

/**
 * Shortest exact form of a duration: 90_000 → "1m30s", 250 → "250ms", 1_500 → "1s500ms".
 * Exact rather than rounded so that it parses back to the same value and a message comparing two
 * durations never prints them equal ("bake 2s is shorter than the TTL 2s").
 */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms);
  if (rest < 1_000) return `${rest}ms`;
  const parts: string[] = [];
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1_000], ['ms', 1]] as const) {
    const amount = Math.floor(rest / size);
    if (amount > 0) parts.push(`${amount}${unit}`);
    rest -= amount * size;
  }
  return parts.join('');
}

/** Elapsed time for people: 850 → "850ms", 2_102 → "2.1s", 95_000 → "1m35s". */
export function formatElapsed(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10}s`;
  return formatDuration(Math.round(ms / 1_000) * 1_000);
}
