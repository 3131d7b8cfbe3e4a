import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRunbook } from '../../client/runbook/load';
import { RunbookError } from '../../workflows/runbook/problems';
import { LIMITS } from '../../workflows/runbook/limits';
import { accepted, MINIMAL, minimalWith, problemsIn, withMetric } from './fixtures';

const long = (length: number) => 'a'.repeat(length);

/** MINIMAL with its drain section (queues) made of `lines`. */
const withDrain = (queues: string) => `${MINIMAL}drain:\n  provider: simulated\n  timeout: 1m\n  queues:\n${queues}`;
const withGate = (approvers: string) => `${MINIMAL}gates:\n  - name: go-live\n    approvers: ${approvers}\nstartGate: go-live\n`;
const webhookMetric = (extra: string) =>
  withMetric(`provider: prometheus\nendpoint: https://prometheus.example.com\nquery: up\nthreshold: { above: 1 }\n${extra}`);

describe('runbook limits', () => {
  describe('file size', () => {
    it('refuses a runbook file over 1 MiB before reading it as YAML', () => {
      const file = join(mkdtempSync(join(tmpdir(), 'runbook-')), 'huge.yaml');
      writeFileSync(file, `${MINIMAL}# ${long(LIMITS.fileBytes)}\n`);
      const error = (() => {
        try {
          loadRunbook(file);
        } catch (caught) {
          return caught as RunbookError;
        }
        throw new Error('expected a RunbookError');
      })();
      expect(error).toBeInstanceOf(RunbookError);
      expect(error.problems).toEqual([{ path: '', message: expect.stringContaining('a runbook may be at most 1 MiB') }]);
    });

    it('refuses runbook text over 1 MiB given without a file', () => {
      expect(problemsIn(`${MINIMAL}# ${long(LIMITS.fileBytes)}\n`)).toEqual([{ path: '', message: expect.stringContaining('at most 1 MiB') }]);
    });
  });

  describe('string lengths', () => {
    it.each([
      ['name', minimalWith('name: minimal', `name: ${long(LIMITS.nameLength + 1)}`), 'name'],
      ['description', `${MINIMAL}description: ${long(LIMITS.descriptionLength + 1)}\n`, 'description'],
      ['a metric query', minimalWith('query: green.error_rate', `query: ${long(LIMITS.queryLength + 1)}`), 'analysis.metrics[0].query'],
      ['a DNS record', minimalWith('record: app.example.com', `record: ${long(LIMITS.identifierLength + 1)}`), 'dns.record'],
      ['a replication task', minimalWith('task: app-cdc', `task: ${long(LIMITS.identifierLength + 1)}`), 'replication.task'],
      ['a queue name', withDrain(`    - name: ${long(LIMITS.identifierLength + 1)}\n`), 'drain.queues[0].name'],
      ['a notification channel', `${MINIMAL}notifications:\n  - provider: simulated\n    channel: ${long(LIMITS.identifierLength + 1)}\n`, 'notifications[0].channel'],
      ['a URL', webhookMetric('').replace('https://prometheus.example.com', `https://prometheus.example.com/${long(LIMITS.urlLength)}`), 'analysis.metrics[1].endpoint'],
      ['a header value', webhookMetric(`headers: { X-Team: ${long(LIMITS.headerValueLength + 1)} }`), 'analysis.metrics[1].headers.X-Team'],
    ])('refuses %s longer than its limit, naming the field and the limit', (_, text, path) => {
      expect(problemsIn(text)).toContainEqual({ path, line: expect.any(Number), message: expect.stringMatching(/characters long; shorten it to at most \d+$/) });
    });

    it('refuses a header name longer than its limit', () => {
      const problems = problemsIn(webhookMetric(`headers: { X-${long(LIMITS.headerNameLength)}: orders }`));
      expect(problems).toEqual([expect.objectContaining({ message: expect.stringContaining(`at most ${LIMITS.headerNameLength}`) })]);
    });

    it('accepts a name at its limit, whose default cutover id stays far within the server limit of 1000', () => {
      expect(accepted(minimalWith('name: minimal', `name: ${long(LIMITS.nameLength)}`))).toBe(true);
      expect(LIMITS.nameLength + '-yyyyMMdd-HHmmss'.length).toBeLessThan(1000 / 4);
    });
  });

  describe('list lengths', () => {
    const items = (count: number, item: (i: number) => string) => Array.from({ length: count }, (_, i) => item(i)).join('');
    it.each([
      [
        'canary steps',
        LIMITS.list.steps,
        minimalWith('    - weight: 50\n      bake: 2s\n', items(LIMITS.list.steps, (i) => `    - { weight: ${i + 1}, bake: 2s }\n`)),
        'canary.steps',
      ],
      ['metrics', LIMITS.list.metrics, `${MINIMAL}${items(LIMITS.list.metrics, (i) => `    - { name: m${i}, provider: simulated, query: q, threshold: { above: 1 } }\n`)}`, 'analysis.metrics'],
      ['gates', LIMITS.list.gates, `${MINIMAL}gates:\n${items(LIMITS.list.gates + 1, (i) => `  - { name: g${i}, approvers: [alice] }\n`)}`, 'gates'],
      ['approvers', LIMITS.list.approvers, withGate(`[${items(LIMITS.list.approvers + 1, (i) => `a${i},`)}]`), 'gates[0].approvers'],
      ['queues', LIMITS.list.queues, withDrain(items(LIMITS.list.queues + 1, (i) => `    - name: q${i}\n`)), 'drain.queues'],
      ['notifications', LIMITS.list.notifications, `${MINIMAL}notifications:\n${items(LIMITS.list.notifications + 1, (i) => `  - { provider: simulated, channel: c${i} }\n`)}`, 'notifications'],
      [
        'acceptance checks',
        LIMITS.list.checks,
        `${MINIMAL}acceptance:\n  soak: 1s\n  checks:\n${items(LIMITS.list.checks + 1, (i) => `    - { name: c${i}, provider: simulated, query: q, threshold: { above: 1 } }\n`)}`,
        'acceptance.checks',
      ],
      ['acceptance tests', LIMITS.list.tests, `${MINIMAL}acceptance:\n  soak: 1s\n  tests:\n${items(LIMITS.list.tests + 1, (i) => `    - { name: t${i}, provider: simulated }\n`)}`, 'acceptance.tests'],
    ])('refuses more %s than %i', (_, limit, text, path) => {
      expect(problemsIn(text)).toContainEqual({ path, line: expect.any(Number), message: expect.stringMatching(new RegExp(`items; list at most ${limit}$`)) });
    });

    it('refuses more headers than the limit', () => {
      const headers = Array.from({ length: LIMITS.list.headers + 1 }, (_, i) => `X-H${i}: v`).join(', ');
      expect(problemsIn(webhookMetric(`headers: { ${headers} }`))).toEqual([
        expect.objectContaining({ path: 'analysis.metrics[1].headers', message: `${LIMITS.list.headers + 1} headers; list at most ${LIMITS.list.headers}` }),
      ]);
    });
  });

  describe('durations', () => {
    it('refuses a bake of 99999999999999999999999d as longer than 30 days, never as a number of hours', () => {
      const problems = problemsIn(minimalWith('      bake: 2s\n    - weight: 100', '      bake: 99999999999999999999999d\n    - weight: 100'));
      expect(problems).toEqual([
        { path: 'canary.steps[0].bake', line: 16, message: '"99999999999999999999999d" is longer than 30 days (720h), the longest any duration may be; write e.g. "2h"' },
      ]);
    });

    it('refuses a duration whose digits overflow to Infinity', () => {
      const problems = problemsIn(minimalWith('  timeout: 1m', `  timeout: ${'9'.repeat(400)}d`));
      expect(problems).toEqual([expect.objectContaining({ path: 'replication.timeout', message: expect.stringContaining('longer than 30 days') })]);
    });

    it('accepts 30 days exactly and refuses a millisecond more', () => {
      expect(accepted(minimalWith('  timeout: 1m', '  timeout: 30d'))).toBe(true);
      expect(problemsIn(minimalWith('  timeout: 1m', '  timeout: 30d1ms'))).toHaveLength(1);
    });
  });

  describe('numbers', () => {
    it.each([
      ['NaN in a weight', minimalWith('    - weight: 50', '    - weight: .nan'), 'canary.steps[0].weight'],
      ['Infinity in a threshold', minimalWith('threshold: { above: 0.05 }', 'threshold: { above: .inf }'), 'analysis.metrics[0].threshold.above'],
      ['an overflowing baseline factor', minimalWith('threshold: { above: 0.05 }', `threshold: { above: "baseline * ${'9'.repeat(400)}" }`), 'analysis.metrics[0].threshold.above'],
      ['a consecutive error limit over 100', minimalWith('  interval: 1s\n', '  interval: 1s\n  consecutiveErrorLimit: 1000000\n'), 'analysis.consecutiveErrorLimit'],
      ['a queue limit of a trillion messages', withDrain('    - { name: q, maxMessages: 1000000000000 }\n'), 'drain.queues[0].maxMessages'],
    ])('refuses %s', (_, text, path) => {
      expect(problemsIn(text)).toEqual([expect.objectContaining({ path })]);
    });
  });

  describe('workflow input size', () => {
    it('refuses a runbook whose validated input would not fit well under the server payload limit, saying what to shorten', () => {
      const metrics = Array.from({ length: 40 }, (_, i) => `    - { name: m${i}, provider: simulated, query: ${long(LIMITS.queryLength)}, threshold: { above: 1 } }\n`).join('');
      expect(problemsIn(`${MINIMAL}${metrics}`)).toEqual([{ path: '', message: expect.stringMatching(/as the cutover's input, more than the 128 KiB allowed .*shorten descriptions and queries/) }]);
    });
  });
});
