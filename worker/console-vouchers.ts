/**
 * The worker's console vouchers: which consoles may decide for which signed-in people (see
 * workflows/signing/vouchers.ts). Like the allowed signers, trust lives with the worker: read and
 * checked at start, so a bad file stops the worker with its line-numbered problems, and read again
 * each time a gate opens, so an edit counts from the next opening. `cutover verify` reads an
 * auditor's copy the same way.
 */
import { readFileSync } from 'node:fs';
import { findYamlProblems } from '../client/runbook/load';
import { formatProblem, type RunbookProblem } from '../workflows/runbook/problems';
import { matchPatternList } from '../workflows/signing/pattern';
import type { AllowedSigner } from '../workflows/signing/allowed-signers';
import { consoleVouchersSchema, voucherProblems, type ConsoleVoucher } from '../workflows/signing/vouchers';
import { WorkerConfigError } from './config';

export const CONSOLE_VOUCHERS_FLAG = '--console-vouchers';
export const CONSOLE_VOUCHERS_VARIABLE = 'CUTOVER_CONSOLE_VOUCHERS';

const EXAMPLE = 'consoles:\n  - principal: console@ops.example.com\n    issuer: https://login.example.com/\n    subjects:\n      "00u1abcd": bob';

export class ConsoleVouchersError extends Error {
  override readonly name = 'ConsoleVouchersError';

  constructor(readonly source: string, readonly problems: RunbookProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super([`the console vouchers ${source} are not valid (${count}):`, ...problems.map((problem) => `  ${formatProblem(source, problem)}`)].join('\n'));
  }
}

/** The file from the flag, else the environment; undefined when neither names one. */
export function consoleVouchersPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = flag?.trim() || env[CONSOLE_VOUCHERS_VARIABLE]?.trim();
  return path || undefined;
}

/** The entries of the file's text, or a ConsoleVouchersError naming every problem with its line. */
export function parseConsoleVouchers(text: string, source: string): ConsoleVoucher[] {
  const found = findYamlProblems(text, consoleVouchersSchema, { semantic: voucherProblems, empty: `the file is empty; it lists the consoles that may vouch for people, e.g.\n${EXAMPLE}` });
  if ('problems' in found) throw new ConsoleVouchersError(source, found.problems);
  return found.value.consoles;
}

/** Every console principal needs a key in the allowed signers, or nothing it signs could verify. */
export function consolesWithoutKey(vouchers: ConsoleVoucher[], signers: AllowedSigner[]): string[] {
  return [...new Set(vouchers.map((entry) => entry.principal))].filter((principal) => !signers.some((signer) => matchPatternList(principal, signer.principals)));
}

/** Reads and checks the file at worker start; any problem is a WorkerConfigError. */
export function readConsoleVouchers(path: string, signers: AllowedSigner[] | undefined): ConsoleVoucher[] {
  if (!signers) {
    throw new WorkerConfigError(`${CONSOLE_VOUCHERS_FLAG} ${path} needs the allowed signers too: the consoles' keys are listed there (--allowed-signers <file>)`);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WorkerConfigError(`cannot read the console vouchers ${path} (${code ?? (error as Error).message}): give ${CONSOLE_VOUCHERS_FLAG} a readable file`);
  }
  let vouchers: ConsoleVoucher[];
  try {
    vouchers = parseConsoleVouchers(text, path);
  } catch (error) {
    if (error instanceof ConsoleVouchersError) throw new WorkerConfigError(error.message);
    throw error;
  }
  const missing = consolesWithoutKey(vouchers, signers);
  if (missing.length > 0) {
    throw new WorkerConfigError(
      `the console vouchers ${path} name ${missing.join(', ')}, with no key in the allowed signers: add a line "${missing[0]} ssh-ed25519 AAAA…" with the console's public key`,
    );
  }
  return vouchers;
}
