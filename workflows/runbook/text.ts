/**
 * What text may hold before it reaches a person's terminal or a decision record. Pure, shared by the
 * runbook schema, the client (identities, free text it prints) and the workflow (who decided).
 *
 * Three classes of character are dangerous in text a terminal shows: C0 and C1 controls (ESC starts
 * escape sequences that move the cursor, recolour or retitle the window; NUL truncates), bidi
 * controls (an override reverses what follows, so "approve" can read as something else), and
 * invisible format characters (a zero-width space makes "car\u200bol" look like "carol").
 */

/** C0 (but tab and newline), DEL, C1, zero-width and joiners, bidi marks, embeddings, overrides, isolates, BOM. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');
/** The same, with tab and newline too: for one-line fields (names, identities, URLs). */
const UNSAFE_ONE_LINE = /[\t\n]/u;

/** An identity: the name recorded with a decision. Visible ASCII only, so two names that look alike are alike. */
export const IDENTITY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@+-]*$/;
export const IDENTITY_MAX_LENGTH = 64;
export const IDENTITY_HINT = `letters, digits, ".", "_", "@", "+" or "-", starting with a letter or digit, at most ${IDENTITY_MAX_LENGTH} characters (e.g. alice or alice@example.com)`;

/** The first unsafe character of `text`, described for a message ("ESC (U+001B)"), or null. */
export function unsafeCharacter(text: string, options: { oneLine?: boolean } = {}): string | null {
  const match = UNSAFE.exec(text) ?? (options.oneLine ? UNSAFE_ONE_LINE.exec(text) : null);
  return match ? describeCharacter(match[0]) : null;
}

/** Why `name` cannot be an identity, or null when it can. Never repeats the name itself. */
export function identityProblem(name: string): string | null {
  if (name.length === 0) return 'is empty';
  if (name.length > IDENTITY_MAX_LENGTH) return `is ${name.length} characters long; use at most ${IDENTITY_MAX_LENGTH}`;
  const unsafe = unsafeCharacter(name, { oneLine: true });
  if (unsafe) return `contains ${unsafe}, which a terminal would not show as it is; use ${IDENTITY_HINT}`;
  if (!IDENTITY_PATTERN.test(name)) return `is not a plain name; use ${IDENTITY_HINT}`;
  return null;
}

/**
 * `text` with every unsafe character written as a visible escape ("\x1b", "\u200b"), so a terminal
 * shows what is there instead of obeying it. Tab and newline are kept unless `oneLine`.
 */
export function escapeUnsafe(text: string, options: { oneLine?: boolean } = {}): string {
  const escaped = text.replace(UNSAFE_ALL, escapeCharacter);
  return options.oneLine ? escaped.replace(/\t/g, '\\t').replace(/\n/g, '\\n') : escaped;
}

function escapeCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'backspace',
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0d: 'a carriage return',
  0x1b: 'ESC',
  0x7f: 'DEL',
  0x9b: 'CSI',
  0x200b: 'a zero-width space',
  0x200c: 'a zero-width non-joiner',
  0x200d: 'a zero-width joiner',
  0x200e: 'a left-to-right mark',
  0x200f: 'a right-to-left mark',
  0x202e: 'a right-to-left override',
  0x202d: 'a left-to-right override',
  0x2066: 'a left-to-right isolate',
  0x2067: 'a right-to-left isolate',
  0xfeff: 'a byte order mark',
};

function describeCharacter(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[code];
  if (name) return `${name} (${hex})`;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `a control character (${hex})`;
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return `a bidirectional control (${hex})`;
  return `an invisible formatting character (${hex})`;
}
