/**
 * The Temporal server a demo, a benchmark or the test suite runs against. With TEMPORAL_ADDRESS set,
 * that server is used as it is. Otherwise the Temporal CLI dev server is built from its Go module
 * into the project's cache (once; a cold build takes minutes) and started on a free port; where
 * neither Go nor a cached binary exists, the SDK downloads its own copy.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
export const CACHE_DIR = path.resolve(__dirname, '..', '.cache');
export const TEMPORAL_CLI_PATH = path.join(CACHE_DIR, 'bin', 'temporal');

export interface TemporalServer {
  address: string;
  namespace: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

type Log = (line: string) => void;

/** Path of the dev server binary, building it with Go when missing; undefined when Go is absent. */
export async function ensureTemporalCli(log: Log = console.error): Promise<string | undefined> {
  if (existsSync(TEMPORAL_CLI_PATH)) return TEMPORAL_CLI_PATH;
  if (spawnSync('go', ['version']).status !== 0) {
    log('Go is not installed: the Temporal SDK will download its own dev server.');
    return undefined;
  }
  log(`Building the Temporal dev server (go install ${TEMPORAL_CLI_MODULE}) into ${path.dirname(TEMPORAL_CLI_PATH)}.`);
  log('This happens once per machine and takes a few minutes.');
  const started = Date.now();
  const ticker = setInterval(() => log(`  still building the Temporal dev server… ${Math.round((Date.now() - started) / 1000)}s`), 20_000);
  try {
    await new Promise<void>((resolve, reject) => {
      const build = spawn('go', ['install', TEMPORAL_CLI_MODULE], {
        env: { ...process.env, GOBIN: path.dirname(TEMPORAL_CLI_PATH) },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      build.on('error', reject);
      build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go install ${TEMPORAL_CLI_MODULE} exited with ${code}`))));
    });
  } finally {
    clearInterval(ticker);
  }
  log(`Temporal dev server built in ${Math.round((Date.now() - started) / 1000)}s.`);
  return TEMPORAL_CLI_PATH;
}

export async function startTemporal(log: Log = console.error): Promise<TemporalServer> {
  const existing = process.env.TEMPORAL_ADDRESS;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  if (existing) {
    log(`Using the Temporal server at ${existing} (namespace ${namespace}).`);
    return { address: existing, namespace, stop: async () => undefined };
  }
  const executable = await ensureTemporalCli(log);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: executable ? { type: 'existing-path', path: executable } : { type: 'cached-download', downloadDir: path.join(CACHE_DIR, 'download') },
      namespace,
      log: { format: 'pretty', level: 'error' },
    },
  });
  const { address } = env;
  log(`Started the Temporal dev server at ${address}.`);
  return { address, namespace, stop: () => env.teardown() };
}
