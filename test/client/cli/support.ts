/**
 * Running the real `cutover` binary, as an operator would, against the suite's Temporal server
 * (TEMPORAL_ADDRESS and CUTOVER_WORKFLOW_BUNDLE come from test/setup), with a `cutover worker` child
 * process on simulated clouds whose state file the test creates.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileStore, SimulatedCloud } from '../../../activities/simulated';
import { backToBlue, fastScenario, RECORD } from '../../support/runbooks';
import { SshWorkspace, type TestKey } from '../../support/ssh';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(ROOT, 'client', 'bin', 'cutover.js');

let sequence = 0;

export function uniqueId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${sequence}`;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `${prefix}-`));
}

/** The environment every CLI run gets: the suite's server, no colour, no identity unless given. */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  // No agent of the machine's either: a test that signs through an agent gives SSH_AUTH_SOCK itself.
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('CUTOVER_') && key !== 'SSH_AUTH_SOCK') env[key] = value;
  return {
    ...env,
    NO_COLOR: '1',
    // An empty config path: the identity comes from --as or CUTOVER_IDENTITY, never from the machine.
    CUTOVER_CONFIG: path.join(tempDir('cutover-config'), 'config.yaml'),
    CUTOVER_WORKFLOW_BUNDLE: process.env.CUTOVER_WORKFLOW_BUNDLE ?? '',
    ...extra,
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `cutover <args>` to its end. */
export function cutover(args: string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: options.env ?? cliEnv(), timeout: options.timeoutMs ?? 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function describeResult(result: CliResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** A `cutover` process left running (watch, worker), with what it printed so far. */
export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number>;

  constructor(args: string[], env: Record<string, string> = cliEnv()) {
    this.child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  }

  /** Resolves once stdout contains `text`; fails with everything printed if the process ends first or time runs out. */
  async waitFor(text: string | RegExp, timeoutMs = 30_000): Promise<void> {
    const seen = () => (typeof text === 'string' ? this.stdout.includes(text) : text.test(this.stdout));
    const deadline = Date.now() + timeoutMs;
    while (!seen()) {
      if (this.child.exitCode !== null) throw new Error(`cutover ${this.child.spawnargs.slice(2).join(' ')} exited ${this.child.exitCode} before printing ${text}:\n${this.output()}`);
      if (Date.now() > deadline) throw new Error(`cutover never printed ${text} in ${timeoutMs}ms:\n${this.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  output(): string {
    return `--- stdout\n${this.stdout}\n--- stderr\n${this.stderr}`;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

export interface CliWorker {
  process: CliProcess;
  taskQueue: string;
  /** The simulated clouds' state file, which a worker replacing this one takes over. */
  stateFile: string;
  cloud: SimulatedCloud;
  stop(): Promise<number>;
}

/**
 * Throwaway SSH keys for the people of the CLI tests and the allowed-signers file listing them, as an
 * administrator would write it for the worker. `sign(name)` is the `--key` a person decides with.
 */
export class TestSigners {
  readonly ssh = new SshWorkspace();
  readonly keys: Record<string, TestKey> = {};
  readonly file: string;

  constructor(names: string[] = ['alice', 'bob', 'carol', 'olivia', 'dave']) {
    for (const name of names) this.keys[name] = this.ssh.key('ed25519');
    this.file = path.join(this.ssh.dir, 'allowed_signers');
    writeFileSync(this.file, names.map((name) => `${name} ${this.keys[name]!.publicKey}`).join('\n') + '\n');
  }

  key(name: string): TestKey {
    const key = this.keys[name];
    if (!key) throw new Error(`no test key for ${name}`);
    return key;
  }

  /** `--key <file>` of a listed person. */
  sign(name: string): string[] {
    return ['--key', this.key(name).path];
  }

  close(): void {
    this.ssh.close();
  }
}

let sharedSigners: TestSigners | null = null;

/** The signers every CLI worker trusts unless a test gives its own. */
export function cliSigners(): TestSigners {
  sharedSigners ??= new TestSigners();
  return sharedSigners;
}

/**
 * `cutover worker --simulated <state> --task-queue <unique> --allowed-signers <file>`, ready to take
 * cutovers; with `replacing`, a second worker on that one's task queue and clouds.
 */
export async function startCliWorker(options: { signers?: TestSigners; replacing?: CliWorker } = {}): Promise<CliWorker> {
  const stateFile = options.replacing?.stateFile ?? path.join(tempDir('cutover-cli-clouds'), 'clouds.json');
  const cloud = options.replacing?.cloud ?? SimulatedCloud.create({ scenario: fastScenario(), store: new FileStore(stateFile) });
  const taskQueue = options.replacing?.taskQueue ?? uniqueId('cli');
  const signers = options.signers ?? cliSigners();
  const worker = new CliProcess(['worker', '--simulated', stateFile, '--task-queue', taskQueue, '--allowed-signers', signers.file]);
  await worker.waitFor('worker ready', 60_000);
  return { process: worker, taskQueue, stateFile, cloud, stop: () => worker.stop('SIGTERM') };
}

export const SIMULATED_RECORD = RECORD;

/**
 * The worker's record back at 100% blue, as an operator would set it before running the same runbook
 * again once the last cutover on it has ended: a cutover refuses a record it does not read 100% blue.
 */
export function blueAgain(worker: CliWorker): void {
  backToBlue(worker.cloud);
}

/**
 * A runbook with second-scale timings for the fast scenario: green gets 50% and waits at a gate
 * ("half-way", alice or bob, two-person rule) before going to 100%.
 */
export function gatedRunbookYaml(name = 'orders-cli'): string {
  return `name: ${name}
rpo: 5s
dns:
  provider: simulated
  record: ${RECORD}
  blue: orders-aws
  green: orders-azure
  ttl: 500ms
  syncTimeout: 10s
replication:
  provider: simulated
  task: orders-cdc
  timeout: 10s
  pollInterval: 200ms
drain:
  provider: simulated
  timeout: 10s
  pollInterval: 200ms
  queues:
    - name: orders-events
canary:
  steps:
    - weight: 50
      bake: 1s
      gate: half-way
    - weight: 100
      bake: 1s
analysis:
  interval: 1s
  metrics:
    - name: error-rate
      provider: simulated
      query: green.error_rate
      baselineQuery: blue.error_rate
      threshold:
        above: baseline * 3
      for: 1s
gates:
  - name: half-way
    approvers: [alice, bob]
    timeout: 5m
    twoPersonRule: true
hooks:
  freeze:
    provider: simulated
    name: freeze-writes
  unfreeze:
    provider: simulated
    name: unfreeze-writes
notifications:
  - provider: simulated
    channel: '#cutover'
`;
}

export function writeRunbook(text: string): string {
  const file = path.join(tempDir('cutover-cli-runbook'), 'runbook.yaml');
  writeFileSync(file, text);
  return file;
}
