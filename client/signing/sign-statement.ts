/**
 * Signs a decision statement with the approver's SSH key through stock `ssh-keygen -Y sign`, so the
 * private half never enters this process: with `--key` the named key file (ssh-keygen takes the
 * private half from the agent when the agent holds it), otherwise the agent's first key, named to
 * ssh-keygen by its public half. Neither key material nor the agent's socket path is ever printed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SignedDecision } from '../../workflows/signing/verify-decision';
import { DECISION_NAMESPACE } from '../../workflows/signing/statement';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';

/** The key could not sign: the person's setup, told with ssh-keygen's own words (exit 2). */
export class SigningError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage, 'check the key with: ssh-add -l (the agent) or ssh-keygen -l -f <key file>');
  }
}

export interface SigningOptions {
  /** A private key file, or a public key file whose private half the agent holds. */
  key?: string;
  /** The environment ssh-keygen and ssh-add see (SSH_AUTH_SOCK for the agent). */
  env?: NodeJS.ProcessEnv;
}

function run(command: string, args: string[], input: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { env, encoding: 'utf8', maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(new SigningError(`${command} could not run: install OpenSSH (${error.code ?? error.message})`));
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
    // ssh-keygen may exit before it reads the statement (a key it cannot use): the write then fails
    // with EPIPE, and its exit code and stderr, not the broken pipe, say what went wrong.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/** ssh-keygen's own words, on one line (they name key files, never the agent's socket). */
function oneLine(stderr: string): string {
  return stderr.trim().split('\n').filter((line) => line.trim() !== '').join('; ');
}

/** The agent's first public key line (`type base64 comment`), or null without an agent or keys. */
export async function agentPublicKey(env: NodeJS.ProcessEnv): Promise<string | null> {
  if (!env.SSH_AUTH_SOCK) return null;
  const listed = await run('ssh-add', ['-L'], '', env);
  if (listed.code !== 0) return null;
  return listed.stdout.split('\n').find((line) => line.trim() !== '') ?? null;
}

export async function signStatement(statement: string, options: SigningOptions = {}): Promise<SignedDecision> {
  const env = options.env ?? process.env;
  let keyFile = options.key;
  let scratch: string | null = null;
  try {
    if (!keyFile) {
      const publicKey = await agentPublicKey(env);
      if (!publicKey) {
        throw new SigningError('no SSH key to sign with: add your key to ssh-agent (ssh-add), or pass --key <private key file>');
      }
      scratch = await mkdtemp(join(tmpdir(), 'cutover-sign-'));
      keyFile = join(scratch, 'agent-key.pub');
      await writeFile(keyFile, `${publicKey}\n`, { mode: 0o600 });
    }
    const signed = await run('ssh-keygen', ['-q', '-Y', 'sign', '-n', DECISION_NAMESPACE, '-f', keyFile], statement, env);
    if (signed.code !== 0 || !signed.stdout.includes('-----BEGIN SSH SIGNATURE-----')) {
      throw new SigningError(`ssh-keygen could not sign the decision: ${oneLine(signed.stderr) || `exit code ${signed.code}`}`);
    }
    return { statement, signature: signed.stdout.trim() };
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}
