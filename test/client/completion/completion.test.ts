/**
 * The bash completion script, sourced in a real bash and run as a Tab press would run it, against
 * the suite's Temporal server; `cutover` on PATH is the real binary.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { connectHarness, startCutover, uniqueId, type Harness } from '../../support/harness';
import { fastRunbook } from '../../support/runbooks';
import { startWave as startWaveRun } from '../../../client/wave/start-wave';
import { waveRunInput } from '../../wave/support';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..', '..');
const COMPLETE = path.join(__dirname, 'complete.sh');

describe('bash completion', () => {
  let harness: Harness;
  let bin: string;
  let script: string;
  const env = () => ({ ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` });
  const tab = async (...words: string[]) => {
    const { stdout, stderr } = await run('bash', [COMPLETE, script, ...words], { env: env(), cwd: ROOT });
    return { words: stdout.split('\n').filter(Boolean), stderr };
  };

  // Visibility shows a new run within a moment, not at once; and a Tab on a loaded machine may give
  // up before Temporal answers, as it would for a person, who presses Tab again.
  const tabUntilOffered = async (...words: string[]) => {
    let offered: string[] = [];
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && offered.length === 0; ) offered = (await tab(...words)).words;
    return offered;
  };

  beforeAll(async () => {
    harness = await connectHarness();
    const dir = mkdtempSync(path.join(tmpdir(), 'cutover-completion-'));
    bin = path.join(dir, 'bin');
    require('node:fs').mkdirSync(bin);
    symlinkSync(path.join(ROOT, 'client', 'bin', 'cutover.js'), path.join(bin, 'cutover'));
    script = path.join(dir, 'cutover.bash');
    const { stdout } = await run('cutover', ['completion', 'bash'], { env: env(), cwd: ROOT });
    writeFileSync(script, stdout);
  });
  afterAll(async () => harness.close());

  it('completes a command from its prefix, the sub-commands of wave, an option and its choices', async () => {
    expect((await tab('cutover', 'st')).words).toEqual(['start', 'status']);
    expect((await tab('cutover', 'wave', 'st')).words).toEqual(['start', 'status']);
    expect((await tab('cutover', 'approve', '--g')).words).toEqual(['--gate']);
    expect((await tab('cutover', 'report', 'x', '--format', '')).words).toEqual(['md', 'json']);
    expect((await tab('cutover', 'worker', '--metrics')).words).toEqual(['--metrics-port']);
  });

  it('completes the id of a running cutover from Temporal', async () => {
    const taskQueue = uniqueId('completion');
    const handle = await startCutover(harness, taskQueue, fastRunbook({ name: 'completion-orders' }));
    try {
      const prefix = handle.workflowId.slice(0, handle.workflowId.length - 3);
      expect(await tabUntilOffered('cutover', 'status', prefix)).toEqual([handle.workflowId]);
      expect(await tabUntilOffered('cutover', 'approve', '--gate', 'go-live', prefix)).toEqual([handle.workflowId]);
    } finally {
      await handle.terminate('test over');
    }
  });

  it('completes the id of a running wave after the wave commands that take one, and no cutover id there', async () => {
    const name = `completion-wave-${process.pid}`;
    const input = waveRunInput({ name, maxParallel: 1, applications: [{ name: 'a' }] });
    const handle = await startWaveRun(harness.client, input, { workflowId: uniqueId(name), taskQueue: uniqueId('completion') });
    try {
      expect(await tabUntilOffered('cutover', 'wave', 'status', handle.workflowId.slice(0, -3))).toEqual([handle.workflowId]);
      expect((await tab('cutover', 'status', handle.workflowId.slice(0, -3))).words).toEqual([]);
    } finally {
      await handle.terminate('test over');
    }
  });

  it('offers no id and says nothing when Temporal does not answer', async () => {
    const { words, stderr } = await tab('cutover', 'status', '--address', '127.0.0.1:1', 'ord');
    expect(words).toEqual([]);
    expect(stderr).toBe('');
  });
});
