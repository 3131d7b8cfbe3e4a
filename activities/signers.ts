/**
 * The keys a gate accepts, read from the worker's allowed-signers file each time a gate opens, so a
 * rotated or revoked key counts from the next opening. Returned as text: the workflow parses it with
 * the same pure parser (parsed keys hold bytes, which do not survive the payload converter), and the
 * result in history makes every replay decide with the keys the gate opened with.
 */
import { readFile } from 'node:fs/promises';
import { ApplicationFailure } from '@temporalio/common';
import { AllowedSignersError, parseAllowedSigners } from '../workflows/signing/allowed-signers';
import type { GateSigners } from '../workflows/signing/gate-signers';
import { matchPatternList } from '../workflows/signing/pattern';
import { vouchersFor, type ConsoleVoucher } from '../workflows/signing/vouchers';
import { ConsoleVouchersError, parseConsoleVouchers } from '../worker/console-vouchers';

/** Entries of other principals indexed, at most: enough to name whose key a stray signature is. */
export const OTHER_KEYS_INDEXED = 1_000;

/** The vouchers file's entries; a bad file is retried like a bad allowed-signers file. */
async function readVouchers(file: string | undefined): Promise<ConsoleVoucher[]> {
  if (!file) return [];
  try {
    return parseConsoleVouchers(await readFile(file, 'utf8'), file);
  } catch (error) {
    if (error instanceof ConsoleVouchersError) throw ApplicationFailure.retryable(error.message, 'ConsoleVouchersInvalid');
    throw error;
  }
}

export function signerActivities(allowedSignersFile: string | undefined, consoleVouchersFile?: string) {
  return {
    async loadGateSigners(input: { principals: string[] }): Promise<GateSigners> {
      if (!allowedSignersFile) return { configured: false, lines: '', others: {} };
      const vouchers = vouchersFor(await readVouchers(consoleVouchersFile), input.principals);
      const consoles = [...new Set(vouchers.map((entry) => entry.principal))];
      const text = await readFile(allowedSignersFile, 'utf8');
      let signers;
      try {
        signers = parseAllowedSigners(text, `the worker's allowed signers ${allowedSignersFile}`);
      } catch (error) {
        // Retried: an administrator may be halfway through editing the file.
        if (error instanceof AllowedSignersError) throw ApplicationFailure.retryable(error.message, 'AllowedSignersInvalid');
        throw error;
      }
      const rawLines = text.split('\n');
      const lines: string[] = [];
      const consoleLines: string[] = [];
      const others: Record<string, string[]> = {};
      let indexed = 0;
      for (const signer of signers) {
        const line = rawLines[signer.line - 1]!.replace(/\r$/, '').trim();
        const asked = input.principals.some((principal) => matchPatternList(principal, signer.principals));
        const vouching = consoles.some((principal) => matchPatternList(principal, signer.principals));
        if (asked) lines.push(line);
        if (vouching) consoleLines.push(line);
        if (asked || vouching) continue;
        if (indexed < OTHER_KEYS_INDEXED) {
          indexed += 1;
          others[signer.fingerprint] = [...(others[signer.fingerprint] ?? []), ...signer.principals.split(',')];
        }
      }
      const linesText = (kept: string[]) => (kept.length > 0 ? `${kept.join('\n')}\n` : '');
      return { configured: true, lines: linesText(lines), others, ...(vouchers.length > 0 ? { consoles: { lines: linesText(consoleLines), vouchers } } : {}) };
    },
  };
}
