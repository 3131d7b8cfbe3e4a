/**
 * The worker's allowed signers: the one place trust lives. A runbook names approvers by principal;
 * only this file, given to the worker, says which keys speak for them. Read at start, so a bad file
 * stops the worker with its line-numbered problems instead of refusing every decision later.
 */
import { readFileSync } from 'node:fs';
import { AllowedSignersError, parseAllowedSigners, type AllowedSigner } from '../workflows/signing/allowed-signers';
import { WorkerConfigError } from './config';

export const ALLOWED_SIGNERS_FLAG = '--allowed-signers';
export const ALLOWED_SIGNERS_VARIABLE = 'CUTOVER_ALLOWED_SIGNERS';

/** The file from the flag, else the environment; undefined when neither names one. */
export function allowedSignersPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = flag?.trim() || env[ALLOWED_SIGNERS_VARIABLE]?.trim();
  return path || undefined;
}

/** Reads and parses the file; any problem is a WorkerConfigError naming the file, and each bad line. */
export function readAllowedSigners(path: string): AllowedSigner[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WorkerConfigError(`cannot read the allowed signers ${path} (${code ?? (error as Error).message}): give ${ALLOWED_SIGNERS_FLAG} a readable file`);
  }
  try {
    const signers = parseAllowedSigners(text, `the allowed signers ${path}`);
    if (signers.length === 0) {
      throw new WorkerConfigError(`the allowed signers ${path} lists no key: add a line per approver, e.g. bob@example.com ssh-ed25519 AAAA…`);
    }
    return signers;
  } catch (error) {
    if (error instanceof AllowedSignersError) throw new WorkerConfigError(error.message);
    throw error;
  }
}
