/** `cutover wave validate` and `cutover wave plan`: the real binary, touching nothing. */
import { buildProgram } from '../../../client/cli';
import { visibleWidth } from '../../../client/render/fit';
import { WAVE, writeWave } from '../../wave/fixtures';
import { cutover, describeResult } from './support';

describe('cutover wave validate', () => {
  it('says a valid wave is valid, with its shape, and exits 0', async () => {
    const result = await cutover(['wave', 'validate', 'examples/wave-orders.yaml']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('valid: examples/wave-orders.yaml is wave orders-wave');
    expect(result.stdout).toContain('3 applications in 2 levels, up to 2 at once; at least 40s');
  });

  it('refuses a circle of dependencies with its path, file, line and field, and exits 3', async () => {
    const file = writeWave(WAVE.replace('    runbook: a.yaml\n', '    runbook: a.yaml\n    after: [c]\n'));

    const result = await cutover(['wave', 'validate', file]);

    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`wave ${file} is not valid (1 problem):`);
    expect(result.stderr).toContain(`${file}:5 applications[0].after: these applications wait for each other, so none of them could start: a → c → a`);
    expect(result.stderr).toContain(`fix these and check again with: cutover wave validate ${file}`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('prints the problems as JSON for editors when asked', async () => {
    const file = writeWave(WAVE.replace('maxParallel: 2', 'maxParallel: 0'));
    const result = await cutover(['wave', 'validate', file, '--json']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({ valid: false, problems: [{ path: 'maxParallel', line: 11, message: 'must be at least 1, got 0' }] });
  });
});

describe('cutover wave plan', () => {
  it('prints the example wave by dependency level with each level\'s and the wave\'s least time, within 80 columns', async () => {
    const result = await cutover(['wave', 'plan', 'examples/wave-orders.yaml']);

    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Plan of wave orders-wave (examples/wave-orders.yaml)');
    expect(lines).toContainEqual(expect.stringMatching(/^level 2, after orders +17s$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}payments +payments-cutover\.yaml +6 +17s$/));
    expect(result.stdout).toContain('minimum 40s: the levels one after another, plus the time people take at 5 gates');
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(80);
    expect(result.stderr).toBe('');
  });

  it('takes the workers\' DNS budget, refusing one that is not a number above 0', async () => {
    const slow = await cutover(['wave', 'plan', 'examples/wave-orders.yaml', '--dns-calls-per-second', '0.5']);
    expect(slow.code).toBe(0);
    expect(slow.stdout.replace(/\s+/g, ' ')).toContain('12 DNS calls at 0.5/s take at least 24s: the DNS budget, not the runbooks, sets');

    const bad = await cutover(['wave', 'plan', 'examples/wave-orders.yaml', '--dns-calls-per-second', 'fast']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--dns-calls-per-second must be a number above 0, got "fast"');
  });

  it('refuses an invalid wave before planning, exiting 3', async () => {
    const result = await cutover(['wave', 'plan', writeWave(WAVE.replace('after: [a]\n  - name: c', 'after: [zz]\n  - name: c'))]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('no application named "zz" in this wave');
    expect(describeResult(result)).not.toContain('Plan of wave');
  });
});

describe('cutover wave --help', () => {
  it('has an example in the help of every wave command', () => {
    const wave = buildProgram().commands.find((command) => command.name() === 'wave')!;
    const helps = wave.commands.map((command) => {
      let text = '';
      command.configureOutput({ writeOut: (chunk) => (text += chunk) });
      command.outputHelp();
      return { command: command.name(), example: /Example:\n {2}\$ cutover wave /.test(text) };
    });
    expect(helps).toEqual([
      { command: 'validate', example: true },
      { command: 'plan', example: true },
      { command: 'start', example: true },
      { command: 'status', example: true },
      { command: 'watch', example: true },
      { command: 'pause', example: true },
      { command: 'resume', example: true },
      { command: 'abort', example: true },
      { command: 'approve', example: true },
      { command: 'reject', example: true },
      { command: 'report', example: true },
    ]);
  });
});
