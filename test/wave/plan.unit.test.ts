import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { visibleWidth } from '../../client/render/fit';
import { wavePlanLines } from '../../client/render/wave-plan';
import { loadWave } from '../../client/wave/load';
import { dnsCallsOf, scheduledMs, wavePlanOf } from '../../client/wave/plan';
import { EXAMPLES, demoRunbook } from '../runbook/fixtures';
import { RUNBOOKS, runbookOn, WAVE, writeWave } from './fixtures';

describe('scheduledMs', () => {
  it('is the longest duration when every application has a slot', () => {
    expect(scheduledMs([5, 9, 3], 3)).toBe(9);
  });

  it('runs the longest first and each next one on the first slot to free up', () => {
    // 9 on one slot; 5 then 3 on the other: 9. One slot: everything in a row.
    expect(scheduledMs([5, 9, 3], 2)).toBe(9);
    expect(scheduledMs([5, 9, 3], 1)).toBe(17);
    expect(scheduledMs([4, 4, 4, 4], 2)).toBe(8);
  });
});

describe('dnsCallsOf', () => {
  it('counts setting and awaiting each step\'s weights, and setting, awaiting and restoring a lowered TTL', () => {
    const runbook = demoRunbook();
    expect(dnsCallsOf(runbook)).toBe(2 * 4 + 3);
    delete runbook.dns.lowerTtlTo;
    expect(dnsCallsOf(runbook)).toBe(8);
  });
});

describe('wavePlanOf', () => {
  it('orders applications by dependency level, each level as long as its longest, the total the levels in a row', () => {
    const plan = wavePlanOf(loadWave(join(EXAMPLES, 'wave-orders.yaml')), 5);
    expect(plan.levels.map((level) => level.applications.map((app) => [app.name, app.minimumMs, app.dnsCalls]))).toEqual([
      [['orders', 23_000, 11]],
      [['payments', 17_000, 6], ['inventory', 17_000, 6]],
    ]);
    expect(plan.levels.map((level) => level.minimumMs)).toEqual([23_000, 17_000]);
    expect(plan.totalMs).toBe(40_000);
    // Two wave gates and three in orders-cutover.yaml.
    expect(plan.gates).toBe(5);
  });

  it('runs a level with more applications than maxParallel in turns', () => {
    const plan = wavePlanOf(loadWave(writeWave(WAVE.replace('maxParallel: 2', 'maxParallel: 1'))), 5);
    expect(plan.levels.map((level) => level.minimumMs)).toEqual([4_000, 8_000]);
  });

  it('makes a level last at least its DNS calls at the budget\'s rate when that is longer than its runbooks', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`r${i}.yaml`, runbookOn(`r${i}.example.com`)]));
    const apps = Object.keys(many).map((file, i) => `  - name: r${i}\n    runbook: ${file}\n`).join('');
    const plan = wavePlanOf(loadWave(writeWave(`name: many\napplications:\n${apps}maxParallel: 30\n`, many)), 5);
    // 30 runbooks of two steps: 120 calls at 5/s is 24s, against 4s of bakes.
    expect(plan.levels[0]).toMatchObject({ scheduledMs: 4_000, dnsCalls: 120, dnsBoundMs: 24_000, minimumMs: 24_000 });
    expect(plan.totalMs).toBe(24_000);
  });
});

describe('wavePlanLines', () => {
  it('prints each level with its applications, runbooks, DNS calls and least times, within 80 columns', () => {
    const plan = wavePlanOf(loadWave(join(EXAMPLES, 'wave-orders.yaml')), 5);
    const lines = wavePlanLines(plan, { width: 80, source: 'examples/wave-orders.yaml' });
    expect(lines[0]).toBe('Plan of wave orders-wave (examples/wave-orders.yaml)');
    expect(lines).toContainEqual(expect.stringMatching(/^level 1 +23s$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}orders +orders-cutover\.yaml +11 +23s$/));
    expect(lines).toContainEqual(expect.stringMatching(/^level 2, after orders +17s$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}inventory +inventory-cutover\.yaml +6 +17s$/));
    expect(lines).toContain('    12 DNS calls at 5/s take at least 2s400ms');
    const text = lines.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Up to 2 at once; after 1 rollback no new application starts and the running ones finish.');
    expect(text).toContain('Wave start gate "wave-go" and sign-off gate "wave-sign-off".');
    expect(text).toContain('minimum 40s: the levels one after another, plus the time people take at 5 gates');
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(80);
  });

  it('says when the DNS budget, not the runbooks, sets a level\'s time', () => {
    const plan = wavePlanOf(loadWave(writeWave(WAVE, RUNBOOKS)), 0.5);
    const text = wavePlanLines(plan, { width: 80 }).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('8 DNS calls at 0.5/s take at least 16s: the DNS budget, not the runbooks, sets this level\'s time');
  });
});

describe('wavePlanLines with long names', () => {
  it('cuts an application name and a runbook path that would not fit, keeping the columns within 80', () => {
    const long = `app-${'x'.repeat(60)}`;
    const runbook = `${'deep/'.repeat(12)}a.yaml`;
    const folder = writeWave('name: w\napplications: []\nmaxParallel: 1\n').replace(/wave\.yaml$/, '');
    mkdirSync(join(folder, runbook, '..'), { recursive: true });
    writeFileSync(join(folder, runbook), runbookOn('long.example.com'));
    writeFileSync(join(folder, 'wave.yaml'), `name: w\napplications:\n  - name: ${long}\n    runbook: ${runbook}\nmaxParallel: 1\n`);
    const lines = wavePlanLines(wavePlanOf(loadWave(join(folder, 'wave.yaml')), 5), { width: 80 });
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}app-x{16}… +deep\/deep\/.*… +4 +4s$/));
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(80);
  });
});
