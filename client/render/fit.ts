/**
 * Fitting lines to a terminal's width: what a person sees counts, not the colour codes around it.
 * Every character the renderers use (letters, box and block drawing, arrows) is one column wide.
 */
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const ANSI_AT_START = /^\x1b\[[0-9;?]*[A-Za-z]/;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export function visibleWidth(text: string): number {
  return [...stripAnsi(text)].length;
}

/** The line cut to `width` columns with an ellipsis, colour codes kept and reset after a cut. */
export function truncate(text: string, width: number): string {
  if (visibleWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  let coloured = false;
  for (let rest = text; rest.length > 0; ) {
    const code = ANSI_AT_START.exec(rest);
    if (code) {
      out += code[0];
      coloured = true;
      rest = rest.slice(code[0].length);
      continue;
    }
    const char = String.fromCodePoint(rest.codePointAt(0)!);
    if (used === width - 1) break;
    out += char;
    used += 1;
    rest = rest.slice(char.length);
  }
  return `${out}…${coloured ? '\x1b[0m' : ''}`;
}

/**
 * Text broken at spaces into lines of at most `width` columns; a longer word is cut. Colour codes
 * do not count, but a coloured span should not contain spaces, or its colour runs across the break.
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (visibleWidth(rest) > width) {
      if (line) lines.push(line);
      line = '';
      lines.push([...rest].slice(0, width).join(''));
      rest = [...rest].slice(width).join('');
    }
    if (!line) line = rest;
    else if (visibleWidth(line) + 1 + visibleWidth(rest) <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** Visible-width padding, for columns of coloured text. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}
