/**
 * The keys a cutover trusts, as the worker's `loadGateSigners` activity hands them over: text, parsed
 * here by the pure parser, so a replay decides with exactly the keys recorded in history. Keys of
 * principals the gate does not name come as an index of fingerprints only, enough to tell "a key
 * listed under another principal" from "an unknown key".
 */
import type { Runbook } from '../runbook/schema';
import { escapeUnsafe } from '../runbook/text';
import type { OpenGate } from '../status';
import { parseAllowedSigners, type AllowedSigner } from './allowed-signers';
import { matchPatternList } from './pattern';
import type { ConsoleVoucher } from './vouchers';

export interface GateSigners {
  /** False when the worker was started without an allowed-signers file. */
  configured: boolean;
  /** The file's lines whose principals match one of those asked for, exactly as written. */
  lines: string;
  /** Fingerprint → principal patterns of the file's other entries (bounded), public facts only. */
  others: Record<string, string[]>;
  /**
   * The consoles that may vouch for one of those asked for: their voucher entries (only the subjects
   * mapped to them) and their allowed-signers lines. Absent in records made before consoles existed.
   */
  consoles?: ConsoleSigners;
}

export interface ConsoleSigners {
  lines: string;
  vouchers: ConsoleVoucher[];
}

export interface TrustedSigners {
  signers: AllowedSigner[];
  others: Record<string, string[]>;
  consoles: { signers: AllowedSigner[]; vouchers: ConsoleVoucher[] };
}

export const NO_SIGNERS: GateSigners = { configured: false, lines: '', others: {} };

export function trustedSigners(loaded: GateSigners): TrustedSigners {
  return {
    signers: parseAllowedSigners(loaded.lines, "the worker's allowed signers"),
    others: loaded.others,
    consoles: { signers: parseAllowedSigners(loaded.consoles?.lines ?? '', "the worker's allowed signers (consoles)"), vouchers: loaded.consoles?.vouchers ?? [] },
  };
}

/** The keys an opening of a gate accepts, people's and consoles' that vouch for them, for status: public facts only. */
export function keysOf(trusted: TrustedSigners): NonNullable<OpenGate['keys']> {
  return [...trusted.signers, ...trusted.consoles.signers].map((signer) => ({ principal: signer.principals, keyType: signer.publicKey.type, fingerprint: signer.fingerprint }));
}

/** Everyone whose key a signed cutover needs: every gate's approvers and the starter. */
export function principalsOf(runbook: Runbook, startedBy: string): string[] {
  return [...new Set([...runbook.gates.flatMap((gate) => gate.approvers), startedBy])];
}

/**
 * Why a signed cutover cannot start on this worker: no allowed-signers file, or an approver who could
 * never pass their gate: no key of their own in it, and no console with a key that vouches for a
 * subject as them. Empty when every approver can sign, and for a runbook without gates.
 */
export function signerProblems(runbook: Runbook, loaded: GateSigners): string[] {
  if (runbook.gates.length === 0) return [];
  if (!loaded.configured) {
    return [
      'the runbook\'s approvals are signed, but this worker has no allowed signers to verify them with: ' +
        'start the worker with --allowed-signers <file> (or CUTOVER_ALLOWED_SIGNERS=<file>)',
    ];
  }
  const { signers, consoles } = trustedSigners(loaded);
  const hasKey = (approver: string) => signers.some((signer) => matchPatternList(approver, signer.principals));
  const vouchedFor = (approver: string) =>
    consoles.vouchers.some(
      (voucher) =>
        Object.values(voucher.subjects).includes(approver) && consoles.signers.some((signer) => matchPatternList(voucher.principal, signer.principals)),
    );
  return runbook.gates.flatMap((gate) =>
    gate.approvers
      .filter((approver) => !hasKey(approver) && !vouchedFor(approver))
      .map(
        (approver) =>
          `gate "${gate.name}": approver ${escapeUnsafe(approver, { oneLine: true })} has no key in the worker's allowed signers and no console vouches for them; ` +
          `add a line "${escapeUnsafe(approver, { oneLine: true })} ssh-ed25519 AAAA…" with their public key to the file, or map their sign-in subject in the console vouchers`,
      ),
  );
}
