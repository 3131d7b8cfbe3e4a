/**
 * `cutover watch` as a person sees it: run in a terminal (a detached tmux session, 80 columns by
 * 24 rows) and read back from the screen with `tmux capture-pane`, scrollback included, so frames
 * that scrolled instead of being redrawn would show.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BIN, cliEnv, cliSigners, cutover, describeResult, gatedRunbookYaml, ROOT, startCliWorker, tempDir, uniqueId, writeRunbook, type CliWorker } from './support';

const TMUX = '/usr/bin/tmux';
const COLUMNS = 80;
const ROWS = 24;
// A server of its own, on a socket in a directory of its own, removed at the end.
const tmuxDir = tempDir('cutover-tmux');

function tmux(...args: string[]): string {
  return execFileSync(TMUX, ['-S', path.join(tmuxDir, 'socket'), ...args], { encoding: 'utf8', env: cliEnv() });
}

/** Runs `cutover <args>` in a new 80×24 tmux session; its exit code lands in the returned file. */
function inTerminal(session: string, args: string[]): string {
  const exitFile = path.join(tempDir('cutover-tmux'), 'exit-code');
  const quoted = [process.execPath, BIN, ...args].map((arg) => `'${arg}'`).join(' ');
  // The shell stays after the command so the pane, and what the command left on it, can be read.
  tmux('new-session', '-d', '-s', session, '-x', String(COLUMNS), '-y', String(ROWS), '-c', ROOT, `${quoted}; echo $? > '${exitFile}'; sleep 600`);
  return exitFile;
}

/** Everything the session's pane shows and scrolled past, as plain text. */
function screen(session: string): string[] {
  return tmux('capture-pane', '-p', '-t', session, '-S', '-').replace(/\n+$/, '').split('\n');
}

async function until(what: string, session: string, predicate: (lines: string[]) => boolean, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = screen(session);
    if (predicate(lines)) return lines;
    if (Date.now() > deadline) throw new Error(`the screen never showed ${what}:\n${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function exitCode(file: string, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
    if (Date.now() > deadline) throw new Error(`the command did not exit within ${timeoutMs}ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Number(readFileSync(file, 'utf8').trim());
}

const STACK_FRAME = /^\s+at .+[(:]\d+/;

function expectReadable(lines: string[]): void {
  expect(lines.filter((line) => [...line].length > COLUMNS)).toEqual([]);
  expect(lines.filter((line) => STACK_FRAME.test(line) || /\b\w*Error:/.test(line))).toEqual([]);
}

describe('cutover watch in a terminal', () => {
  let worker: CliWorker;

  beforeAll(async () => {
    if (!existsSync(TMUX)) throw new Error(`${TMUX} is needed to look at the watch screen: apt-get install tmux`);
    worker = await startCliWorker();
  });
  afterAll(async () => {
    try {
      tmux('kill-server');
    } catch {
      // No session was started.
    }
    rmSync(tmuxDir, { recursive: true, force: true });
    await worker?.stop();
  });

  it('redraws one screen in place, 80 columns wide, showing the weight bar, the open gate and its approvers, until the run completes', async () => {
    const id = uniqueId('orders-tty');
    const started = await cutover(['start', writeRunbook(gatedRunbookYaml()), '--id', id, '--as', 'olivia', '--task-queue', worker.taskQueue, ...cliSigners().sign('olivia')]);
    expect({ code: started.code, output: describeResult(started) }).toEqual({ code: 0, output: expect.any(String) });
    const exitFile = inTerminal('watch', ['watch', id, '--interval', '0.3']);

    const header = (lines: string[]) => lines.filter((line) => line.startsWith(`cutover   ${id}`)).length;
    const updated = (lines: string[]) => lines.find((line) => line.startsWith('watching: updated'));
    const atGate = await until('the open gate', 'watch', (lines) => lines.some((line) => line.startsWith('gate      "half-way" open since')));
    expectReadable(atGate);
    expect(header(atGate)).toBe(1);
    expect(atGate).toContain('phase     canary, step 1/2, waiting at gate "half-way"');
    expect(atGate).toContainEqual(expect.stringMatching(/^weights {3}blue {2}50% █{15}░{15} {2}50% green$/));
    expect(atGate).toContain('          may approve: alice, bob (two-person rule: not olivia)');
    expect(atGate).toContain(`  cutover approve ${id} --gate half-way`);
    expect(atGate).toContainEqual(expect.stringMatching(/^metrics {3}error-rate {2}0\.01 +vs above baseline × 3 = 0\.03 {2}pass$/));
    expect(atGate).toContainEqual(expect.stringMatching(/^lag {7}2s, within the RPO of 5s/));

    // Later frames replace the first: the clock moves on and the screen still holds one frame.
    const later = await until('a later frame', 'watch', (lines) => updated(lines) !== undefined && updated(lines) !== updated(atGate));
    expect(header(later)).toBe(1);
    expect(later.length).toBeLessThanOrEqual(ROWS);

    const approved = await cutover(['approve', id, '--gate', 'half-way', '--as', 'bob', ...cliSigners().sign('bob')]);
    expect({ code: approved.code, output: describeResult(approved) }).toEqual({ code: 0, output: expect.any(String) });
    expect(await exitCode(exitFile)).toBe(0);
    const end = screen('watch');
    expectReadable(end);
    expect(header(end)).toBe(1);
    expect(end).toContain('outcome   completed');
    // The proof wraps onto a second line at 80 columns.
    expect(end.join('\n')).toMatch(/^decisions half-way approved by bob \(ssh-ed25519\n {10}SHA256:\S+, verified\)$/m);
    expect(end).toContainEqual(expect.stringMatching(/^weights {3}blue {3}0% ░{30} 100% green$/));
    expect(end.some((line) => line.startsWith('gate '))).toBe(false);
  });

  it('shows an expected error as a message and a next step, without a stack trace', async () => {
    const exitFile = inTerminal('unknown', ['watch', 'no-such-cutover']);
    expect(await exitCode(exitFile)).toBe(5);
    const lines = screen('unknown');
    expectReadable(lines);
    expect(lines).toContainEqual(expect.stringMatching(/^no cutover "no-such-cutover" in namespace /));
    expect(lines).toContain('see running and recent cutovers with: cutover list');
  });
});
