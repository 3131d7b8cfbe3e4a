/**
 * The bytes of a runbook file as text, or why they are not: a runbook is UTF-8 (with or without a
 * byte order mark). Editors on some systems save UTF-16 or a legacy 8-bit encoding by default; YAML
 * read as the wrong encoding fails with errors about characters nobody wrote, so the encoding itself
 * is named instead.
 */
import type { RunbookProblem } from '../../workflows/runbook/problems';

const SAVE_AS_UTF8 = 'save it as UTF-8 (in most editors: "Save with encoding", UTF-8; or iconv -t UTF-8)';

export function decodeRunbook(bytes: Uint8Array): { text: string } | { problem: RunbookProblem } {
  const starts = (...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);
  if (starts(0xef, 0xbb, 0xbf)) return decodeUtf8(bytes.subarray(3));
  if (starts(0x00, 0x00, 0xfe, 0xff) || starts(0xff, 0xfe, 0x00, 0x00)) return encodingProblem(`the file is UTF-32 (it starts with a UTF-32 byte order mark); ${SAVE_AS_UTF8}`);
  if (starts(0xfe, 0xff) || starts(0xff, 0xfe)) return encodingProblem(`the file is UTF-16 (it starts with a UTF-16 byte order mark); ${SAVE_AS_UTF8}`);
  if (bytes.includes(0)) return encodingProblem(`the file holds NUL bytes, so it is not UTF-8 text (UTF-16 or UTF-32 without a byte order mark?); ${SAVE_AS_UTF8}`);
  return decodeUtf8(bytes);
}

function decodeUtf8(bytes: Uint8Array): { text: string } | { problem: RunbookProblem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const line = lenient.slice(0, lenient.indexOf('\ufffd')).split('\n').length;
    return {
      problem: {
        path: '',
        line,
        message: `the file is not UTF-8: this line holds bytes that are not (Latin-1 or Windows-1252, perhaps); ${SAVE_AS_UTF8}`,
      },
    };
  }
}

function encodingProblem(message: string): { problem: RunbookProblem } {
  return { problem: { path: '', message } };
}
