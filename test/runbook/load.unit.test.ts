import { join } from 'node:path';
import { loadRunbook, parseRunbook } from '../../client/runbook/load';
import { RunbookError } from '../../workflows/runbook/problems';
import { EXAMPLES, MINIMAL, minimalWith, problemsIn } from './fixtures';

describe('parseRunbook', () => {
  it.each(['orders-cutover.yaml', 'production-shape.yaml', 'aws-to-azure.yaml'])('accepts examples/%s', (file) => {
    expect(() => loadRunbook(join(EXAMPLES, file))).not.toThrow();
  });

  it('reads the demo runbook into milliseconds and normalised thresholds', () => {
    const runbook = loadRunbook(join(EXAMPLES, 'orders-cutover.yaml'));
    expect(runbook.rpo).toBe(5_000);
    expect(runbook.dns).toMatchObject({ ttl: 2_000, lowerTtlTo: 1_000 });
    expect(runbook.canary.steps.map((step) => step.weight)).toEqual([10, 25, 50, 100]);
    expect(runbook.analysis.metrics[0]!.threshold).toEqual({ direction: 'above', value: 3, relativeToBaseline: true });
  });

  it('accepts the minimal runbook the other tests break', () => {
    expect(parseRunbook(MINIMAL).name).toBe('minimal');
  });

  it('accepts YAML anchors and merge keys for shared settings', () => {
    const text =
      `${MINIMAL}    - &errors\n      name: errors\n      provider: simulated\n      query: green.errors\n` +
      '      threshold: { above: 0.05 }\n      for: 2s\n    - <<: *errors\n      name: errors-eu\n      query: green.errors_eu\n';
    expect(parseRunbook(text).analysis.metrics.map((metric) => [metric.name, metric.for])).toEqual([
      ['error-rate', 0],
      ['errors', 2_000],
      ['errors-eu', 2_000],
    ]);
  });

  it('reports a YAML syntax error with its line, once, not its follow-on errors', () => {
    const problems = problemsIn(minimalWith('  blue: app-aws\n', '  blue: [app-aws\n'));
    expect(problems).toEqual([
      { path: '', line: 7, message: 'YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]' },
    ]);
  });

  it('reports a duplicated key as a YAML error on the second occurrence', () => {
    expect(problemsIn(minimalWith('rpo: 5s\n', 'rpo: 5s\nrpo: 10s\n'))).toEqual([
      { path: '', line: 3, message: 'YAML syntax: Map keys must be unique' },
    ]);
  });

  it('reports an unknown field by its path and line, suggesting the field meant', () => {
    expect(problemsIn(minimalWith('      bake: 2s\n', '      bake: 2s\n      bak: 2s\n'))).toEqual([
      {
        path: 'canary.steps[0].bak',
        line: 17,
        message: 'unknown field "bak" (did you mean "bake"?); allowed here: weight, bake, gate',
      },
    ]);
  });

  it('reports a bad duration string, saying what a duration looks like', () => {
    expect(problemsIn(minimalWith('rpo: 5s', 'rpo: 5 seconds'))).toEqual([
      { path: 'rpo', line: 2, message: '"5 seconds" is not a duration such as "90s", "5m", "1h30m" or "250ms"' },
    ]);
  });

  it('reports a number where a duration belongs, with what was found', () => {
    expect(problemsIn(minimalWith('  ttl: 2s', '  ttl: 60'))[0]).toMatchObject({ path: 'dns.ttl', message: expect.stringMatching(/expected a duration .*, got 60$/) });
  });

  it('lists the allowed values of an enum', () => {
    const text = `${MINIMAL}gates:\n  - name: g\n    approvers: [alice]\n    onTimeout: retry\nstartGate: g\n`;
    expect(problemsIn(text)).toEqual([
      { path: 'gates[0].onTimeout', line: 29, message: 'expected one of "reject", "wait", got "retry"' },
    ]);
  });

  it('reports a missing required field at the map that should hold it', () => {
    expect(problemsIn(minimalWith('  ttl: 2s\n', ''))).toEqual([
      { path: 'dns.ttl', line: 3, message: expect.stringMatching(/^required but missing; expected a duration/) },
    ]);
  });

  describe('thresholds', () => {
    const withThreshold = (threshold: string) =>
      `${MINIMAL}    - name: errors\n      provider: simulated\n      query: green.errors\n      threshold: ${threshold}\n`;

    it.each([
      ['both above and below', '{ above: 1, below: 2 }'],
      ['neither above nor below', '{}'],
    ])('reports a threshold with %s', (_, threshold) => {
      expect(problemsIn(withThreshold(threshold))).toEqual([
        { path: 'analysis.metrics[1].threshold', line: 29, message: expect.stringContaining('set exactly one of "above" or "below"') },
      ]);
    });

    it('reports a threshold string that is not "baseline * k"', () => {
      expect(problemsIn(withThreshold('{ above: twice baseline }'))).toEqual([
        { path: 'analysis.metrics[1].threshold.above', line: 29, message: '"twice baseline" is not a threshold: write a number (0.05) or "baseline * 1.5"' },
      ]);
    });

    it('reports a threshold relative to baseline on a metric without baselineQuery', () => {
      expect(problemsIn(withThreshold('{ above: baseline * 2 }'))).toEqual([
        { path: 'analysis.metrics[1].threshold', line: 29, message: expect.stringContaining('no baselineQuery') },
      ]);
    });
  });

  it('reports weights that do not rise and a last weight that is not 100, on their lines', () => {
    const text = minimalWith('    - weight: 100\n', '    - weight: 40\n');
    expect(problemsIn(text)).toEqual([
      { path: 'canary.steps[1].weight', line: 17, message: expect.stringContaining('does not rise above') },
      { path: 'canary.steps[1].weight', line: 17, message: expect.stringContaining('make the last step weight 100') },
    ]);
  });

  it('reports a bake shorter than the DNS TTL', () => {
    expect(problemsIn(minimalWith('  ttl: 2s', '  ttl: 3s'))).toEqual([
      { path: 'canary.steps[0].bake', line: 16, message: expect.stringContaining('bake 2s is shorter than the DNS TTL 3s') },
      { path: 'canary.steps[1].bake', line: 18, message: expect.stringContaining('bake 2s is shorter than the DNS TTL 3s') },
    ]);
  });

  it('reports gate problems: no approvers, undefined reference, duplicate name', () => {
    const text =
      `${MINIMAL}gates:\n  - name: go-live\n    approvers: []\n  - name: go-live\n    approvers: [alice]\n` +
      'startGate: go-live\nsignoffGate: sign-off\n';
    expect(problemsIn(text)).toEqual([
      { path: 'gates[0].approvers', line: 28, message: expect.stringContaining('a gate without approvers can never be passed') },
      { path: 'gates[1].name', line: 29, message: expect.stringContaining('gate "go-live" is already defined at gates[0]') },
      { path: 'signoffGate', line: 32, message: expect.stringContaining('no gate named "sign-off"') },
    ]);
  });

  it('reports every schema problem at once, in file order', () => {
    const text = minimalWith('rpo: 5s', 'rpo: soon')
      .replace('  provider: simulated\n  record', '  provider: route54\n  record')
      .replace('    - weight: 50', '    - weight: 150')
      .replace('analysis:', 'analysys: {}\nanalysis:');
    expect(problemsIn(text).map(({ path, line }) => `${line} ${path}`)).toEqual([
      '2 rpo',
      '4 dns.provider',
      '15 canary.steps[0].weight',
      '19 analysys',
    ]);
  });

  it('names the providers a section accepts when its provider is unknown, with the closest one', () => {
    const text = minimalWith('  provider: simulated\n  record', '  provider: route54\n  record');
    expect(problemsIn(text)).toEqual([
      {
        path: 'dns.provider',
        line: 4,
        message: 'dns provider "route54" is not one this engine has (did you mean "route53"?): write one of "simulated", "route53", "azure"',
      },
    ]);
  });

  it('asks for the fields of the provider a section names', () => {
    const text = minimalWith('  provider: simulated\n  record', '  provider: route53\n  record');
    expect(problemsIn(text).map((p) => p.path)).toEqual(['dns.hostedZoneId']);
  });

  it('refuses a secret written into the runbook where an environment variable name belongs', () => {
    const text = `${MINIMAL}notifications:\n  - provider: slack\n    channel: '#cutover'\n    webhookUrlFrom: https://hooks.slack.example/T000/B000/XXXX\n`;
    expect(problemsIn(text)).toEqual([
      {
        path: 'notifications[0].webhookUrlFrom',
        line: expect.any(Number),
        message: expect.stringContaining('write the name of an environment variable on the worker'),
      },
    ]);
    expect(JSON.stringify(problemsIn(text))).not.toContain('XXXX');
  });

  it('reports every semantic problem at once', () => {
    const text = minimalWith('    - weight: 50\n      bake: 2s', '    - weight: 0\n      bake: 1s').replace('rpo: 5s', 'rpo: 0s');
    expect(problemsIn(text).map((p) => p.path)).toEqual(['rpo', 'canary.steps[0].weight', 'canary.steps[0].bake']);
  });

  it('throws a RunbookError whose message lists each problem as file:line path: message', () => {
    const text = minimalWith('rpo: 5s', 'rpo: 5').replace('  ttl: 2s', '  ttl: 2 s');
    expect(() => parseRunbook(text, 'orders.yaml')).toThrow(RunbookError);
    try {
      parseRunbook(text, 'orders.yaml');
    } catch (error) {
      const lines = (error as RunbookError).message.split('\n');
      expect(lines.slice(1)).toEqual([
        'orders.yaml:2 rpo: expected a duration such as "90s", "5m", "1h30m" or "250ms", got 5',
        'orders.yaml:8 dns.ttl: "2 s" is not a duration such as "90s", "5m", "1h30m" or "250ms"',
      ]);
      expect((error as RunbookError).problems).toHaveLength(2);
    }
  });

  it('reports an empty file', () => {
    expect(problemsIn('# nothing yet\n')).toEqual([{ path: '', line: 1, message: expect.stringContaining('the file is empty') }]);
  });
});

describe('loadRunbook', () => {
  it('reports a missing file as a RunbookError naming the path', () => {
    const file = join(EXAMPLES, 'no-such-runbook.yaml');
    expect(() => loadRunbook(file)).toThrow(RunbookError);
    expect(() => loadRunbook(file)).toThrow(`${file}: no such file`);
  });
});
