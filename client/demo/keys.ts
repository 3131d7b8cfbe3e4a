/**
 * The demo's people and their keys: a throwaway ed25519 key for each approver and the starter, made
 * with stock ssh-keygen in a temp dir, and the allowed-signers file its worker trusts, so the demo's
 * approvals are signed and verified as a real cutover's are. Removed when the demo ends.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Runbook } from '../../workflows/runbook/schema';

const run = promisify(execFile);

export interface DemoKeys {
  dir: string;
  /** The allowed-signers file: `<name> <public key>` per person. */
  allowedSigners: string;
  /** The private key file of a person the runbook names. */
  keyOf(name: string): string | null;
  remove(): Promise<void>;
}

/** Everyone a runbook may need to verify: each gate's approvers and the starter. */
export function demoPeople(runbook: Pick<Runbook, 'gates'>, startedBy: string): string[] {
  return [...new Set([...runbook.gates.flatMap((gate) => gate.approvers), startedBy])];
}

export async function makeDemoKeys(people: string[]): Promise<DemoKeys> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cutover-demo-keys-'));
  const files = new Map<string, string>();
  try {
    const lines = await Promise.all(
      people.map(async (name, index) => {
        const file = path.join(dir, `key-${index + 1}`);
        await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `demo ${name}`, '-f', file]);
        files.set(name, file);
        const [type, base64] = (await readFile(`${file}.pub`, 'utf8')).trim().split(' ');
        return `${name} ${type} ${base64}`;
      }),
    );
    const allowedSigners = path.join(dir, 'allowed_signers');
    await writeFile(allowedSigners, `${lines.join('\n')}\n`);
    return { dir, allowedSigners, keyOf: (name) => files.get(name) ?? null, remove: () => rm(dir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? 'the demo signs its approvals with ssh-keygen: install OpenSSH' : `could not make the demo's keys: ${(err as Error).message}`);
  }
}
