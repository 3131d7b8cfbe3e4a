import { join } from 'node:path';
import { loadWave } from '../../client/wave/load';
import { EXAMPLES } from '../runbook/fixtures';
import { RUNBOOKS, runbookOn, WAVE, waveProblems, writeWave } from './fixtures';

describe('loadWave', () => {
  it('reads examples/wave-orders.yaml with the runbook of every application, paths relative to the wave file', () => {
    const { wave, members } = loadWave(join(EXAMPLES, 'wave-orders.yaml'));
    expect(wave).toMatchObject({ name: 'orders-wave', maxParallel: 2, blastRadius: { stopAfter: 1, running: 'finish' }, startGate: 'wave-go' });
    expect(members.map((member) => [member.application.name, member.runbook.name])).toEqual([
      ['orders', 'orders-cutover'],
      ['payments', 'payments-cutover'],
      ['inventory', 'inventory-cutover'],
    ]);
  });

  it('fills in no dependencies and a blast radius of one rollback with running applications finishing', () => {
    const { wave } = loadWave(writeWave(WAVE));
    expect(wave.applications[0]!.after).toEqual([]);
    expect(wave.blastRadius).toEqual({ stopAfter: 1, running: 'finish' });
  });

  it('refuses a circle of dependencies with its path, its line and the field', () => {
    const { problems, message, file } = waveProblems(WAVE.replace('    runbook: a.yaml\n', '    runbook: a.yaml\n    after: [c]\n'));
    expect(problems).toEqual([
      {
        path: 'applications[0].after',
        line: 5,
        message: 'these applications wait for each other, so none of them could start: a → c → a (→ runs before); remove one of the "after" entries',
      },
    ]);
    expect(message).toContain(`${file}:5 applications[0].after: these applications wait for each other`);
  });

  it('refuses an application that waits for itself, saying so', () => {
    const { problems } = waveProblems(WAVE.replace('after: [a]\n  - name: c', 'after: [a, b]\n  - name: c'));
    expect(problems).toEqual([{ path: 'applications[1].after', line: 7, message: 'b waits for itself, so it could never start; remove "b" from its own "after"' }]);
  });

  it('refuses an application listed twice in one "after"', () => {
    const { problems } = waveProblems(WAVE.replace('after: [a]\n  - name: c', 'after: [a, a]\n  - name: c'));
    expect(problems).toEqual([{ path: 'applications[1].after[1]', line: 7, message: '"a" is already listed at applications[1].after[0]; list each application once' }]);
  });

  it('refuses a dependency on an application the wave does not list, suggesting the close one', () => {
    const { problems } = waveProblems(WAVE.replace('after: [a]\n  - name: c', 'after: [aa]\n  - name: c'));
    expect(problems).toEqual([
      { path: 'applications[1].after[0]', line: 7, message: 'no application named "aa" in this wave (did you mean "a"?); list it under applications or fix the name' },
    ]);
  });

  it('refuses two applications of one name', () => {
    const { problems } = waveProblems(WAVE.replace('name: c', 'name: b'));
    expect(problems).toEqual([
      { path: 'applications[2].name', line: 8, message: 'application "b" is already listed at applications[1]; give each application its own name' },
    ]);
  });

  it('refuses two applications on one DNS record, whatever its case and trailing dot', () => {
    const { problems } = waveProblems(WAVE, { ...RUNBOOKS, 'c.yaml': runbookOn('B.Example.COM.') });
    expect(problems).toEqual([
      {
        path: 'applications[2].runbook',
        line: 9,
        message: "c's runbook moves DNS record B.Example.COM., as b's does (applications[1]); two cutovers on one record would undo each other: give each application its own record",
      },
    ]);
  });

  it('refuses two applications with one cutover id', () => {
    const wave = WAVE.replace('runbook: b.yaml\n', 'runbook: b.yaml\n    id: shared\n').replace('runbook: c.yaml\n', 'runbook: c.yaml\n    id: shared\n');
    const { problems } = waveProblems(wave);
    expect(problems).toEqual([
      { path: 'applications[2].id', line: 11, message: 'cutover id "shared" is already the id of b (applications[1].id); each cutover needs its own id' },
    ]);
  });

  it('gives each problem of an invalid runbook prefixed with the application and the runbook file, at the wave\'s runbook line', () => {
    const { problems, file } = waveProblems(WAVE, { ...RUNBOOKS, 'b.yaml': runbookOn('b.example.com').replace('weight: 50', 'weight: 150') });
    const runbook = join(file, '..', 'b.yaml');
    expect(problems).toEqual([{ path: 'applications[1].runbook', line: 6, message: `b: ${runbook}:15 canary.steps[0].weight: must be at most 100, got 150` }]);
  });

  it('names a runbook file that does not exist', () => {
    const { problems, file } = waveProblems(WAVE, { 'a.yaml': RUNBOOKS['a.yaml']!, 'b.yaml': RUNBOOKS['b.yaml']! });
    expect(problems).toEqual([
      {
        path: 'applications[2].runbook',
        line: 9,
        message: `c: ${join(file, '..', 'c.yaml')}: no such file; check the path (examples/orders-cutover.yaml shows what a runbook looks like)`,
      },
    ]);
  });

  it('refuses maxParallel and stopAfter below 1', () => {
    const { problems } = waveProblems(WAVE.replace('maxParallel: 2', 'maxParallel: 0\nblastRadius:\n  stopAfter: 0'));
    expect(problems).toEqual([
      { path: 'maxParallel', line: 11, message: 'must be at least 1, got 0' },
      { path: 'blastRadius.stopAfter', line: 13, message: 'must be at least 1, got 0' },
    ]);
  });

  it('suggests the field meant by a misspelt one, listing those allowed', () => {
    const { problems } = waveProblems(WAVE.replace('    after: [a]\n  - name: c', '    afterr: [a]\n  - name: c'));
    expect(problems).toEqual([
      { path: 'applications[1].afterr', line: 7, message: 'unknown field "afterr" (did you mean "after"?); allowed here: name, runbook, id, after' },
    ]);
  });

  it('holds wave gates to a runbook\'s gate rules', () => {
    const { problems } = waveProblems(`${WAVE}gates:\n  - name: go\n    approvers: [alice]\n    twoPersonRule: true\nstartGate: goo\n`);
    expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
      ['gates[0].name', expect.stringContaining('gate "go" is never used')],
      ['gates[0].approvers', expect.stringContaining('needs at least two approvers')],
      ['startGate', 'no gate named "goo" in gates (did you mean "go"?); define it under gates or use one of: "go"'],
    ]);
  });

  it('lists every problem at once, in file order', () => {
    const wave = WAVE.replace('after: [a]\n  - name: c', 'after: [c, zz]\n  - name: c').replace('runbook: c.yaml\n    after: [a]', 'runbook: c.yaml\n    after: [b]');
    const { problems } = waveProblems(wave, { ...RUNBOOKS, 'a.yaml': 'name: a\n' });
    expect(problems.map((problem) => problem.path)).toEqual([
      'applications[0].runbook',
      'applications[0].runbook',
      'applications[0].runbook',
      'applications[0].runbook',
      'applications[0].runbook',
      'applications[1].after[1]',
      'applications[1].after',
    ]);
  });

  it('names a wave file that does not exist and where to start', () => {
    expect(() => loadWave('/nonexistent/wave.yaml')).toThrow('/nonexistent/wave.yaml: no such file; check the path (examples/wave-orders.yaml shows what a wave looks like)');
  });
});
