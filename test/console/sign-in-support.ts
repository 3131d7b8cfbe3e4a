/**
 * What the sign-in tests run, each as its own process as in production: a real OpenID Connect
 * provider (oidc-provider.mjs), a `cutover worker` trusting the console's key and its vouchers, and
 * `cutover console` with sign-in, on ports chosen before they start (the provider must know the
 * console's redirect URI, the console the provider's issuer).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { FileStore, SimulatedCloud } from '../../activities/simulated';
import { fastScenario } from '../support/runbooks';
import type { TestKey } from '../support/ssh';
import { CliProcess, cliEnv, tempDir, uniqueId, type CliWorker } from '../client/cli/support';

export const CONSOLE_PRINCIPAL = 'console@ops.test';
export const CLIENT_ID = 'cutover-console';
const CLIENT_SECRET = 'test-client-secret-not-for-production';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** The provider, with `accounts` giving chosen subjects their claims. */
export async function startOidcProvider(redirectUri: string, accounts: Record<string, Record<string, string>>): Promise<TestProvider> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs')], {
    env: { ...process.env, OIDC_TEST_CLIENT_ID: CLIENT_ID, OIDC_TEST_CLIENT_SECRET: CLIENT_SECRET, OIDC_TEST_REDIRECT_URI: redirectUri, OIDC_TEST_ACCOUNTS: JSON.stringify(accounts) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  while (!/issuer (\S+)\n/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the OpenID Connect provider did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    issuer: /issuer (\S+)\n/.exec(output)![1]!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The worker's vouchers file: this console may decide for each subject as the approver it maps to. */
export function writeVouchers(issuer: string, subjects: Record<string, string>): string {
  const file = path.join(tempDir('cutover-vouchers'), 'console-vouchers.yaml');
  const lines = Object.entries(subjects).map(([subject, principal]) => `      ${JSON.stringify(subject)}: ${principal}`);
  writeFileSync(file, `consoles:\n  - principal: ${CONSOLE_PRINCIPAL}\n    issuer: ${issuer}\n    subjects:\n${lines.join('\n')}\n`);
  return file;
}

/**
 * `cutover worker` on simulated clouds trusting the people's own keys (every approver of a signed
 * gate has one) and the console's key under its principal, with the vouchers file: what an
 * administrator adds for a console is that one line and the file.
 */
export async function startVouchingWorker(options: { people: Record<string, TestKey>; consoleKey: TestKey; vouchers: string }): Promise<CliWorker> {
  const dir = tempDir('cutover-console-worker');
  const signers = path.join(dir, 'allowed_signers');
  const lines = [...Object.entries(options.people).map(([name, key]) => `${name} ${key.publicKey}`), `${CONSOLE_PRINCIPAL} ${options.consoleKey.publicKey}`];
  writeFileSync(signers, `${lines.join('\n')}\n`);
  const stateFile = path.join(dir, 'clouds.json');
  const cloud = SimulatedCloud.create({ scenario: fastScenario(), store: new FileStore(stateFile) });
  const taskQueue = uniqueId('console');
  const worker = new CliProcess(['worker', '--simulated', stateFile, '--task-queue', taskQueue, '--allowed-signers', signers, '--console-vouchers', options.vouchers]);
  await worker.waitFor('worker ready', 60_000);
  return { process: worker, taskQueue, stateFile, cloud, stop: () => worker.stop('SIGTERM') };
}

/** `cutover console` with sign-in through `issuer`, signing with `key`, on `port`. */
export async function startSignInConsole(options: { port: number; issuer: string; key: string }): Promise<{ url: string; process: CliProcess }> {
  const url = `http://127.0.0.1:${options.port}`;
  const console_ = new CliProcess(
    ['console', '--port', String(options.port), '--oidc-issuer', options.issuer, '--oidc-client-id', CLIENT_ID, '--public-url', url, '--signing-key', options.key],
    cliEnv({ CUTOVER_CONSOLE_OIDC_CLIENT_SECRET: CLIENT_SECRET }),
  );
  await console_.waitFor(`console at ${url}/`, 60_000);
  return { url, process: console_ };
}

export { CLIENT_SECRET };
