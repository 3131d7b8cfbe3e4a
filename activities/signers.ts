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

/** Entries of other principals indexed, at most: enough to name whose key a stray signature is. */
export const OTHER_KEYS_INDEXED = 1_000;

export function signerActivities(allowedSignersFile: string | undefined) {
  return {
    async loadGateSigners(input: { principals: string[] }): Promise<GateSigners> {
      if (!allowedSignersFile) return { configured: false, lines: '', others: {} };
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
      const others: Record<string, string[]> = {};
      let indexed = 0;
      for (const signer of signers) {
        if (input.principals.some((principal) => matchPatternList(principal, signer.principals))) {
          lines.push(rawLines[signer.line - 1]!.replace(/\r$/, '').trim());
        } else if (indexed < OTHER_KEYS_INDEXED) {
          indexed += 1;
          others[signer.fingerprint] = [...(others[signer.fingerprint] ?? []), ...signer.principals.split(',')];
        }
      }
      return { configured: true, lines: lines.length > 0 ? `${lines.join('\n')}\n` : '', others };
    },
  };
}
