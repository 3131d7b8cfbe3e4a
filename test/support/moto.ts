/**
 * moto, a local server speaking the AWS APIs, for the AWS provider tests. It is installed from PyPI
 * at the version pinned in moto-requirements.txt into the project's own virtualenv (.cache/moto-venv),
 * so a fresh machine needs only python3. Each test file starts its own server on a free loopback port
 * through moto_server.py, which logs every request in milliseconds as it arrives, so what a test
 * counts is what reached moto, and when.
 *
 * `tsx test/support/moto.ts` installs it (what CI runs before the tests).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const REQUIREMENTS = path.join(__dirname, 'moto-requirements.txt');
export const MOTO_VENV = path.join(ROOT, '.cache', 'moto-venv');
/** A copy of the requirements the venv was built from: a changed pin reinstalls. */
const INSTALLED = path.join(MOTO_VENV, 'installed-requirements.txt');
const MOTO_SERVER = path.join(MOTO_VENV, 'bin', 'moto_server');
const MOTO_PYTHON = path.join(MOTO_VENV, 'bin', 'python');
/** moto's server with a log of arrivals; see the file. */
const ARRIVAL_LOGGING_SERVER = path.join(__dirname, 'moto_server.py');

type Log = (line: string) => void;

/** Creates the venv and installs moto when missing or pinned differently; quiet when already there. */
export async function ensureMoto(log: Log = (line) => process.stderr.write(`${line}\n`)): Promise<void> {
  const wanted = readFileSync(REQUIREMENTS, 'utf8');
  if (existsSync(MOTO_SERVER) && existsSync(INSTALLED) && readFileSync(INSTALLED, 'utf8') === wanted) return;
  const started = Date.now();
  const pins = wanted
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .join(', ');
  log(`Installing ${pins} into ${path.relative(ROOT, MOTO_VENV)} (once per machine).`);
  if (!existsSync(path.join(MOTO_VENV, 'bin', 'python'))) await run('python3', ['-m', 'venv', MOTO_VENV]);
  await run(path.join(MOTO_VENV, 'bin', 'pip'), ['install', '--quiet', '--requirement', REQUIREMENTS]);
  writeFileSync(INSTALLED, wanted);
  log(`moto installed in ${Math.round((Date.now() - started) / 1000)}s.`);
}

/** Runs a command, showing its output only when it fails. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(new Error(`${command} could not start (${error.message}): is python3 installed?`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

export interface MotoRequest {
  method: string;
  /** Path and query string as sent. */
  path: string;
  /** Epoch ms at which the request reached moto, before moto handled it. */
  at: number;
}

export interface MotoServer {
  endpoint: string;
  /**
   * The requests that reached moto at or after `since` (epoch ms; all of them by default), in the
   * order they arrived. Take a time, not a count, as the mark: an earlier request's line may still
   * be on its way through the pipe when the mark is taken.
   */
  requests(since?: number): MotoRequest[];
  /**
   * The requests since `since` once at least `count` of them are logged (or after 5s, whatever
   * was): a request's line may still be on its way when the client has the answer.
   */
  logged(count: number, since?: number): Promise<MotoRequest[]>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const LOG_WAIT_MS = 5_000;

export async function startMoto(): Promise<MotoServer> {
  if (!existsSync(MOTO_SERVER)) throw new Error(`${MOTO_SERVER} is missing: run the tests through jest (its global setup installs moto)`);
  const child = spawn(MOTO_PYTHON, [ARRIVAL_LOGGING_SERVER, '--host', '127.0.0.1', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const served: MotoRequest[] = [];
  let output = '';
  let onListening: (endpoint: string) => void = () => undefined;
  // Settles once: a later exit (stop()) leaves it resolved.
  const listening = new Promise<string>((resolve, reject) => {
    onListening = resolve;
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`moto_server exited (${signal ?? `code ${code}`})`)));
  });
  const readLines = (stream: NodeJS.ReadableStream) => {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const raw of lines) {
        const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
        if (output.length < 10_000) output += `${line}\n`;
        const address = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (address) onListening(address[1]!);
        const request = parseArrivalLine(line);
        if (request) served.push(request);
      }
    });
  };
  readLines(child.stdout);
  readLines(child.stderr);

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  try {
    const endpoint = await within(START_TIMEOUT_MS, listening);
    await waitUntilAnswering(endpoint);
    const requests = (since = 0) => served.filter((request) => request.at >= since);
    const logged = async (count: number, since = 0) => {
      const deadline = Date.now() + LOG_WAIT_MS;
      while (requests(since).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      return requests(since);
    };
    return { endpoint, requests, logged, stop };
  } catch (error) {
    await stop();
    throw new Error(`moto_server did not start: ${(error as Error).message}\n${output}`);
  }
}

async function waitUntilAnswering(endpoint: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      await fetch(`${endpoint}/moto-api/`);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms}ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** moto_server.py's line for a request that arrived: `arrived 1772704801123 GET /path?query`. */
export function parseArrivalLine(line: string): MotoRequest | undefined {
  const match = /^arrived (\d+) ([A-Z]+) (\S+)$/.exec(line);
  if (!match) return undefined;
  return { at: Number(match[1]), method: match[2]!, path: match[3]! };
}

if (require.main === module) {
  ensureMoto().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
