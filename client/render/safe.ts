/**
 * Text from a cutover (names, messages, comments, reasons, descriptions, provider errors) reaches
 * the operator's terminal only escaped: an escape sequence in it could redraw the screen or retitle
 * the window, a bidi override reverse what an approver reads. The renderers pass what they are given
 * through `displaySafe` once, on the way in; JSON output keeps the text and escapes it as JSON does.
 */
import { escapeUnsafe, unsafeCharacter } from '../../workflows/runbook/text';

/** `value` with every string in it, keys included, escaped to one visible line. Escaping twice changes nothing. */
export function displaySafe<T>(value: T): T {
  return deepMap(value) as T;
}

function deepMap(value: unknown): unknown {
  if (typeof value === 'string') return escapeUnsafe(value, { oneLine: true });
  if (Array.isArray(value)) return value.map(deepMap);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [deepMap(key), deepMap(inner)]));
  }
  return value;
}

/** A text that may run over several lines (a description), each line escaped. */
export function displayLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => escapeUnsafe(line, { oneLine: true }));
}

/**
 * JSON.stringify escapes C0 controls but passes DEL, C1, bidi and zero-width characters through;
 * those are written as \uXXXX too, which every JSON reader turns back into the same text.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[^\x20-\x7e\n]/gu, (char) =>
    unsafeCharacter(char) ? `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}` : char,
  );
}
