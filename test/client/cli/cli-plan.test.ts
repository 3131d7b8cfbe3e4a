/** `cutover validate`, `plan` and `--help`: the real binary, touching nothing. */
import { buildProgram } from '../../../client/cli';
import { visibleWidth } from '../../../client/render/fit';
import { MINIMAL } from '../../runbook/fixtures';
import { cutover, describeResult, gatedRunbookYaml, writeRunbook } from './support';

describe('cutover plan', () => {
  it('prints every step of the example runbook with its weights, bakes and gates, and the minimum total', async () => {
    const result = await cutover(['plan', 'examples/orders-cutover.yaml']);

    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Plan of orders-cutover (examples/orders-cutover.yaml)');
    for (const [step, blue, green] of [['1/4', 90, 10], ['2/4', 75, 25], ['3/4', 50, 50], ['4/4', 0, 100]] as const) {
      const row = lines.find((line) => line.includes(`canary ${step}`));
      expect(row).toMatch(new RegExp(`blue +${blue}% [█░]{10} +${green}% green, bake 4s +4s$`));
    }
    const text = result.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('gate "go-live", approved by alice or bob (two-person rule: not the starter, who must sign the start)');
    expect(text).toContain('then gate "half-way", approved by alice or bob or carol');
    expect(text).toContain('lower the TTL of orders.example.com from 2s to 1s and wait out the old TTL');
    expect(text).toContain('wait until the lag of orders-cdc is within the RPO of 5s');
    expect(text).toContain('wait until orders-events ≤ 0, payments-events ≤ 0');
    expect(text).toContain('run smoke-test once; soak 5s with green-availability');
    expect(text).toContain('minimum 23s (TTL wait 2s + bakes 16s + soak 5s), plus the time people take at 3 gates');
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(80);
    expect(result.stderr).toBe('');
  });

  it('says plainly that identities are not verified for a runbook with approvals: unverified, and nothing of it otherwise', async () => {
    const unverified = await cutover(['plan', writeRunbook(`approvals: unverified\n${gatedRunbookYaml()}`)]);
    expect({ code: unverified.code, output: describeResult(unverified) }).toEqual({ code: 0, output: expect.stringContaining('approvals: unverified: identities will not be verified; a gate passes on the name the caller gives') });
    const signed = await cutover(['plan', writeRunbook(gatedRunbookYaml())]);
    expect(signed.stdout).not.toContain('unverified');
  });
});

describe('cutover validate', () => {
  it('says a valid runbook is valid, with its shape', async () => {
    const file = writeRunbook(MINIMAL);
    const result = await cutover(['validate', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`valid: ${file} is runbook minimal`);
    expect(result.stdout).toContain('canary 50% → 100%; 0 gates; 1 metric; at least 4s');
  });

  it('lists every problem with its line and field, and exits 3', async () => {
    const file = writeRunbook(MINIMAL.replace('weight: 50', 'weight: 100').replace('rpo: 5s', 'rpo: 5s\nrpoo: 5s'));

    const result = await cutover(['validate', file]);

    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`runbook ${file} is not valid`);
    expect(result.stderr).toMatch(new RegExp(`${file}:3 rpoo: unknown field "rpoo" \\(did you mean "rpo"\\?\\)`));
    expect(result.stderr).toContain(`fix these and check again with: cutover validate ${file}`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('prints the problems as JSON for editors when asked', async () => {
    const file = writeRunbook(MINIMAL.replace('rpo: 5s', 'rpo: 5 seconds'));
    const result = await cutover(['validate', file, '--json']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({ valid: false, problems: [expect.objectContaining({ path: 'rpo', line: 2 })] });
  });
});

describe('cutover --help', () => {
  it('documents the exit codes and identity', async () => {
    const top = await cutover(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Exit codes:');
    expect(top.stdout).toContain('4    refused by the cutover');
    expect(top.stdout).toContain('10   watch: the cutover rolled back');
    expect(top.stdout).toContain('CUTOVER_IDENTITY');
  });

  it('has an example in the help of every command', async () => {
    const approve = await cutover(['approve', '--help']);
    expect(approve.code).toBe(0);
    expect(approve.stdout).toContain('$ cutover approve orders-cutover-20260301-091500 --gate half-way');

    // The rest in this process: the same program, without a process per command.
    const program = buildProgram();
    const helps = program.commands.map((command) => {
      let text = '';
      command.configureOutput({ writeOut: (chunk) => (text += chunk) });
      command.outputHelp();
      return { command: command.name(), example: /Examples?:\n {2}\$ cutover /.test(text) };
    });
    expect(helps.map((help) => help.command)).toEqual(['validate', 'plan', 'start', 'status', 'watch', 'approve', 'reject', 'pause', 'resume', 'abort', 'list', 'leases', 'release', 'report', 'verify', 'wave', 'worker', 'console', 'completion', '__complete-ids']);
    expect(helps.filter((help) => !help.example)).toEqual([]);
  });

  it('exits 2 with the usage problem, and no stack trace, for a missing option', async () => {
    const result = await cutover(['reject', 'orders-1', '--gate', 'half-way']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: required option '--reason <text>' not specified");
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(describeResult(result)).not.toContain('Error:');
  });
});
