/**
 * Stock OpenSSH for the signing tests: throwaway keys in a temp dir, `ssh-keygen -Y` to sign and
 * verify, and an ssh-agent of the test's own, stopped by its pid.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type KeyKind = 'ed25519' | 'ecdsa-256' | 'ecdsa-384' | 'ecdsa-521' | 'rsa-3072' | 'rsa-1024';

export interface TestKey {
  /** Private key file. */
  path: string;
  publicPath: string;
  /** `type base64` of the public key, as an allowed-signers line takes it. */
  publicKey: string;
  fingerprint: string;
}

export class SshWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'cutover-ssh-'));
  private count = 0;

  key(kind: KeyKind): TestKey {
    this.count += 1;
    const path = join(this.dir, `key-${this.count}-${kind}`);
    const [type, bits] = kind.split('-');
    execFileSync('ssh-keygen', ['-q', '-t', type!, ...(bits ? ['-b', bits] : []), '-N', '', '-C', `test-${this.count}`, '-f', path]);
    const publicLine = readFileSync(`${path}.pub`, 'utf8').trim();
    const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
    return { path, publicPath: `${path}.pub`, publicKey: publicLine.split(' ').slice(0, 2).join(' '), fingerprint };
  }

  /** The armored signature `ssh-keygen -Y sign` makes over `message`. */
  sign(key: TestKey | string, namespace: string, message: string | Uint8Array, extra: string[] = [], env?: NodeJS.ProcessEnv): string {
    const path = typeof key === 'string' ? key : key.path;
    return execFileSync('ssh-keygen', ['-q', '-Y', 'sign', '-n', namespace, '-f', path, ...extra], { input: message, encoding: 'utf8', env: env ?? process.env }).trim();
  }

  /** Does stock `ssh-keygen -Y verify` accept the signature? */
  opensshVerifies(allowedSigners: string, principal: string, namespace: string, message: string | Uint8Array, signature: string, extra: string[] = []): boolean {
    this.count += 1;
    const signers = join(this.dir, `allowed-${this.count}`);
    const signatureFile = join(this.dir, `sig-${this.count}`);
    writeFileSync(signers, allowedSigners);
    writeFileSync(signatureFile, `${signature}\n`);
    const result = spawnSync('ssh-keygen', ['-Y', 'verify', '-f', signers, '-I', principal, '-n', namespace, '-s', signatureFile, ...extra], { input: message });
    return result.status === 0;
  }

  /** The principals `ssh-keygen -Y find-principals` names for the signature's key. */
  opensshFindPrincipals(allowedSigners: string, signature: string): string[] {
    this.count += 1;
    const signers = join(this.dir, `allowed-${this.count}`);
    const signatureFile = join(this.dir, `sig-${this.count}`);
    writeFileSync(signers, allowedSigners);
    writeFileSync(signatureFile, `${signature}\n`);
    const result = spawnSync('ssh-keygen', ['-Y', 'find-principals', '-f', signers, '-s', signatureFile], { encoding: 'utf8' });
    return result.status === 0 ? result.stdout.trim().split('\n') : [];
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface TestAgent {
  socket: string;
  env: NodeJS.ProcessEnv;
  add(key: TestKey): void;
  stop(): void;
}

/** An ssh-agent listening on a socket in `dir`; `stop` kills exactly that agent. */
export function startAgent(dir: string): TestAgent {
  const socket = join(dir, 'agent.sock');
  const output = execFileSync('ssh-agent', ['-s', '-a', socket], { encoding: 'utf8' });
  const pid = Number(/SSH_AGENT_PID=(\d+)/.exec(output)?.[1]);
  const env = { ...process.env, SSH_AUTH_SOCK: socket };
  return {
    socket,
    env,
    add(key) {
      execFileSync('ssh-add', ['-q', key.path], { env, stdio: 'ignore' });
    },
    stop() {
      if (pid) process.kill(pid);
    },
  };
}
