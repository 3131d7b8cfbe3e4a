/**
 * A real Prometheus for the metric provider's tests: the installed binary, scraping the given
 * targets every second, with its storage in a temporary directory removed on stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PrometheusServer {
  /** Base URL of the HTTP API, as a runbook's prometheus metric writes it. */
  endpoint: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;
const START_ATTEMPTS = 3;

/** `scrapeTargets` are host:port addresses serving /metrics, scraped as job "sample". */
export async function startPrometheus(options: { scrapeTargets: string[] }): Promise<PrometheusServer> {
  const binary = findBinary();
  const dir = mkdtempSync(path.join(tmpdir(), 'cutover-prometheus-'));
  writeFileSync(path.join(dir, 'prometheus.yml'), config(options.scrapeTargets));
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        return await startOnce(binary, dir);
      } catch (error) {
        // Another process may take the free port between finding it and Prometheus binding it.
        if (!(error instanceof PortTaken) || attempt >= START_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function findBinary(): string {
  const candidates = ['/usr/bin/prometheus', ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'prometheus'))];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; try the next place
    }
  }
  throw new Error('prometheus is not installed (looked in /usr/bin and on PATH): install it: apt-get install prometheus');
}

function config(targets: string[]): string {
  return [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    'scrape_configs:',
    '  - job_name: sample',
    '    static_configs:',
    `      - targets: [${targets.map((target) => JSON.stringify(target)).join(', ')}]`,
    '',
  ].join('\n');
}

class PortTaken extends Error {}

async function startOnce(binary: string, dir: string): Promise<PrometheusServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(
    binary,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // A test process that ends without calling stop() must not leave Prometheus behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  const stop = async () => {
    await terminate(child, exited);
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      if (/address already in use/.test(stderr)) throw new PortTaken(stderr);
      throw new Error(`prometheus exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${stderr}`);
    }
    if (await isReady(endpoint)) return { endpoint, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await terminate(child, exited);
  throw new Error(`prometheus was not ready within ${READY_TIMEOUT_MS / 1000}s:\n${stderr}`);
}

async function isReady(endpoint: string): Promise<boolean> {
  try {
    const response = await fetch(`${endpoint}/-/ready`, { signal: AbortSignal.timeout(1_000) });
    await response.text();
    return response.ok;
  } catch {
    return false;
  }
}

async function terminate(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
