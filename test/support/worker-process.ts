/**
 * `cutover worker` in a process of its own on a file-backed simulated cloud, so a test can kill it
 * for real (SIGKILL) and start another on the same task queue.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** `extraArgs` go after the others, e.g. ['--metrics-port', '9464']. */
export function startWorkerProcess(statePath: string, taskQueue: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<ChildProcess> {
  // Run by node itself: one process, so SIGKILL kills the worker and not a wrapper.
  const child = spawn(process.execPath, [path.join(ROOT, 'client', 'bin', 'cutover.js'), 'worker', '--simulated', statePath, '--task-queue', taskQueue, ...extraArgs], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker ready')) resolve(child);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready:\n${output}`)));
  });
}

/** SIGKILL, as a crash or an OOM kill would end it; resolves once it has exited. */
export function killWorkerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
