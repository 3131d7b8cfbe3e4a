/**
 * Per-test-file plumbing: a client and a worker on the suite's Temporal server, each test on its own
 * task queue with its own simulated clouds, so tests never see each other's runs.
 */
import { readFileSync } from 'node:fs';
import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { Providers } from '../../activities/providers';
import { createCutoverWorker, type CutoverWorker } from '../../worker/create-worker';
import { startCutover as startRunbook } from '../../client/start-cutover';
import { cutover } from '../../workflows';
import { abortUpdate, statusQuery, type SignedDecision } from '../../workflows/messages';
import type { Runbook } from '../../workflows/runbook/schema';
import type { CutoverStatus } from '../../workflows/status';

let sequence = 0;

export function uniqueId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${sequence}`;
}

export function workflowBundle() {
  const path = process.env.CUTOVER_WORKFLOW_BUNDLE;
  if (!path) throw new Error('CUTOVER_WORKFLOW_BUNDLE is not set: run the tests through jest (test/setup/global-setup.ts)');
  return { code: readFileSync(path, 'utf8') };
}

export interface Harness {
  client: Client;
  connection: NativeConnection;
  close(): Promise<void>;
}

function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    // Already installed by an earlier test file in this Jest worker process.
  }
}

export async function connectHarness(): Promise<Harness> {
  quietRuntime();
  const address = process.env.TEMPORAL_ADDRESS!;
  const clientConnection = await Connection.connect({ address });
  const connection = await NativeConnection.connect({ address });
  const client = new Client({ connection: clientConnection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
  return {
    client,
    connection,
    async close() {
      await connection.close();
      await clientConnection.close();
    },
  };
}

export interface RunningWorker {
  worker: CutoverWorker;
  taskQueue: string;
  stop(): Promise<void>;
}

/** Anything that hands out providers: the simulated clouds, or a mix of them with real providers. */
export interface ProviderSource {
  providers(): Providers;
}

export interface TestWorkerOptions {
  /** The worker's allowed-signers file (test/support/ssh.ts makes the keys). */
  allowedSigners?: string;
  /** The worker's console-vouchers file: consoles that may decide for signed-in people. */
  consoleVouchers?: string;
}

export async function startWorker(harness: Harness, cloud: ProviderSource, taskQueue = uniqueId('tq'), options: TestWorkerOptions = {}): Promise<RunningWorker> {
  const worker = await createCutoverWorker({
    connection: harness.connection,
    taskQueue,
    providers: cloud.providers(),
    workflowBundle: workflowBundle(),
    allowedSigners: options.allowedSigners,
    consoleVouchers: options.consoleVouchers,
  });
  const running = worker.run();
  return {
    worker,
    taskQueue,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}

/** `sign` makes the start's signature for the cutover id, as `cutover start` would; `adoptWeights` is `--adopt-weights`. */
export interface StartSigning {
  sign?: (id: string) => SignedDecision;
  adoptWeights?: boolean;
}

export function startCutover(harness: Harness, taskQueue: string, runbook: Runbook, startedBy = 'olivia', options: StartSigning = {}): Promise<WorkflowHandle<typeof cutover>> {
  const workflowId = uniqueId(runbook.name);
  return startRunbook(harness.client, runbook, { startedBy, taskQueue, workflowId, signedStart: options.sign?.(workflowId), adoptWeights: options.adoptWeights });
}

/**
 * Ends a test's cutover as an operator would, by an abort (refused harmlessly when it is already
 * stopping), and waits for it: unlike a termination, that gives its leases back for the next test.
 */
export async function endCutover(handle: WorkflowHandle<typeof cutover>): Promise<void> {
  if ((await handle.describe()).status.name === 'RUNNING') {
    await handle.executeUpdate(abortUpdate, { args: [{ by: 'olivia', reason: 'test over' }] }).catch(() => undefined);
  }
  await handle.result();
}

/** Polls the status query until the predicate holds; fails with the last status when it never does. */
export async function waitForStatus(
  handle: WorkflowHandle,
  predicate: (status: CutoverStatus) => boolean,
  timeoutMs = 30_000,
): Promise<CutoverStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: CutoverStatus | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(statusQuery);
    if (predicate(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`status never matched; last phase ${last?.phase}, outcome ${last?.outcome}, timeline:\n${last?.timeline.map((entry) => `  ${entry.at} ${entry.phase} ${entry.kind} ${entry.message}`).join('\n')}`);
}

export function timelineText(status: CutoverStatus): string {
  return status.timeline.map((entry) => `${entry.phase} ${entry.kind}: ${entry.message}`).join('\n');
}

/**
 * The usual shape of a cutover test file: one connection for the file, and for each test a worker
 * on its own task queue and simulated clouds, stopped when the test ends.
 */
export function cutoverSuite() {
  let harness: Harness | undefined;
  let worker: RunningWorker | undefined;
  beforeAll(async () => {
    harness = await connectHarness();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });
  afterAll(async () => harness?.close());
  return {
    get harness(): Harness {
      return harness!;
    },
    async startWorker(cloud: ProviderSource, options: TestWorkerOptions = {}): Promise<RunningWorker> {
      worker = await startWorker(harness!, cloud, uniqueId('tq'), options);
      return worker;
    },
    start(runbook: Runbook, startedBy?: string, options?: StartSigning): Promise<WorkflowHandle<typeof cutover>> {
      if (!worker) throw new Error('call startWorker(cloud) before start(runbook)');
      return startCutover(harness!, worker.taskQueue, runbook, startedBy, options);
    },
  };
}
