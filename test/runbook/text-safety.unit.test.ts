import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRunbook } from '../../client/runbook/load';
import { RunbookError, type RunbookProblem } from '../../workflows/runbook/problems';
import { accepted, MINIMAL, minimalWith, problemsIn } from './fixtures';

const ESC = '\u001b';
/** Control, bidi and invisible characters, as YAML double-quoted escapes and as they arrive. */
const DANGEROUS: [string, string][] = [
  ['an escape sequence', '\\e[31m'],
  ['a NUL byte', '\\0'],
  ['a zero-width space', '\\u200b'],
  ['a right-to-left override', '\\u202e'],
  ['a C1 control (CSI)', '\\x9b'],
];

/** No raw control, bidi or invisible character in anything a problem says. */
function expectPrintable(problems: RunbookProblem[]) {
  for (const problem of problems) {
    expect(`${problem.path} ${problem.message}`).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
  }
}

describe('text in a runbook', () => {
  describe.each(DANGEROUS)('with %s', (_, escape) => {
    it.each([
      ['the name', (t: string) => minimalWith('name: minimal', `name: "min${t}imal"`), 'name'],
      ['a DNS record', (t: string) => minimalWith('record: app.example.com', `record: "app${t}.example.com"`), 'dns.record'],
      ['blue', (t: string) => minimalWith('blue: app-aws', `blue: "app${t}-aws"`), 'dns.blue'],
      ['green', (t: string) => minimalWith('green: app-azure', `green: "app${t}-azure"`), 'dns.green'],
      ['a replication task', (t: string) => minimalWith('task: app-cdc', `task: "app${t}-cdc"`), 'replication.task'],
      ['a queue', (t: string) => `${MINIMAL}drain:\n  provider: simulated\n  timeout: 1m\n  queues:\n    - name: "q${t}"\n`, 'drain.queues[0].name'],
      ['a channel', (t: string) => `${MINIMAL}notifications:\n  - provider: simulated\n    channel: "#cut${t}over"\n`, 'notifications[0].channel'],
      ['a gate name', (t: string) => `${MINIMAL}gates:\n  - name: "go${t}live"\n    approvers: [alice]\n`, 'gates[0].name'],
      ['an approver', (t: string) => `${MINIMAL}gates:\n  - name: go-live\n    approvers: ["car${t}ol", bob]\nstartGate: go-live\n`, 'gates[0].approvers[0]'],
      ['the description', (t: string) => `${MINIMAL}description: "orders ${t}cutover"\n`, 'description'],
      ['a query', (t: string) => minimalWith('query: green.error_rate', `query: "green${t}.error_rate"`), 'analysis.metrics[0].query'],
    ])('refuses it in %s, without echoing it', (_, write, path) => {
      const problems = problemsIn(write(escape));
      expect(problems).toContainEqual(expect.objectContaining({ path }));
      expectPrintable(problems);
    });
  });

  it('refuses a Route 53 SetIdentifier and zone with a control character', () => {
    const route53 = minimalWith('  provider: simulated\n  record', `  provider: route53\n  hostedZoneId: "Z1${ESC}"\n  record`).replace('blue: app-aws', 'blue: "app\\taws"');
    expect(problemsIn(route53).map((problem) => problem.path)).toEqual(['dns.hostedZoneId', 'dns.blue']);
  });

  it('keeps line breaks and tabs in a description and a multi-line PromQL query', () => {
    const text = `${minimalWith('query: green.error_rate', 'query: "sum(rate(errors[1m]))\\n\\t/ sum(rate(requests[1m]))"')}description: |\n  Orders move to Azure.\n  \tWrites freeze for 5 minutes.\n`;
    expect(accepted(text)).toBe(true);
  });

  it('refuses a line break in a one-line field such as a record', () => {
    expect(problemsIn(minimalWith('record: app.example.com', 'record: "app\\n.example.com"'))).toEqual([
      expect.objectContaining({ path: 'dns.record', message: expect.stringContaining('a line break (U+000A)') }),
    ]);
  });

  it('refuses an approver outside the visible identity set, so car\u200bol cannot pose as carol', () => {
    const text = `${MINIMAL}gates:\n  - name: go-live\n    approvers: ["car\\u200bol", "Ca rol", bob]\nstartGate: go-live\n`;
    expect(problemsIn(text)).toEqual([
      expect.objectContaining({ path: 'gates[0].approvers[0]', message: expect.stringContaining('a zero-width space (U+200B)') }),
      expect.objectContaining({ path: 'gates[0].approvers[1]', message: expect.stringContaining('is not a plain name') }),
    ]);
  });

  it('refuses an approver listed twice in one gate', () => {
    const text = `${MINIMAL}gates:\n  - name: go-live\n    approvers: [alice, bob, alice]\nstartGate: go-live\n`;
    expect(problemsIn(text)).toEqual([
      { path: 'gates[0].approvers[2]', line: expect.any(Number), message: '"alice" is already listed at gates[0].approvers[0]; list each approver once' },
    ]);
  });

  it('escapes a control character in an unknown field name instead of printing it', () => {
    const problems = problemsIn(`${MINIMAL}"bad\\e[2Jkey": 1\n`);
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringContaining('unknown field "bad\\x1b[2Jkey"') })]);
    expectPrintable(problems);
  });
});

describe('the encoding of a runbook file', () => {
  const fileOf = (bytes: Buffer) => {
    const file = join(mkdtempSync(join(tmpdir(), 'runbook-')), 'runbook.yaml');
    writeFileSync(file, bytes);
    return file;
  };
  const problemsOf = (bytes: Buffer): RunbookProblem[] => {
    try {
      loadRunbook(fileOf(bytes));
    } catch (error) {
      if (error instanceof RunbookError) return error.problems;
      throw error;
    }
    throw new Error('expected the file to be refused');
  };
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINIMAL, 'utf16le')]);
  const utf16be = Buffer.from(utf16le.subarray(2)).swap16();

  it.each([
    ['UTF-16 with a little-endian BOM', utf16le, 'the file is UTF-16'],
    ['UTF-16 with a big-endian BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]), 'the file is UTF-16'],
    ['UTF-32 with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), Buffer.from('n\0\0\0')]), 'the file is UTF-32'],
    ['UTF-16 without a BOM', Buffer.from(MINIMAL, 'utf16le'), 'NUL bytes'],
  ])('refuses %s, naming the encoding and saying to save as UTF-8', (_, bytes, says) => {
    expect(problemsOf(bytes)).toEqual([{ path: '', message: expect.stringMatching(new RegExp(`${says}.*save it as UTF-8`)) }]);
  });

  it('refuses Latin-1 bytes, naming the line they are on', () => {
    const latin1 = Buffer.from(`${MINIMAL}description: Bestellungen nach Azure verschieben (Gr\u00fc\u00dfe)\n`, 'latin1');
    expect(problemsOf(latin1)).toEqual([{ path: '', line: 26, message: expect.stringMatching(/^the file is not UTF-8: .*save it as UTF-8/) }]);
  });

  it('accepts UTF-8 with a byte order mark', () => {
    const file = fileOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MINIMAL)]));
    expect(loadRunbook(file).name).toBe('minimal');
  });
});

describe('YAML problems in an operator\'s words', () => {
  it('says one runbook per file for a file with several documents', () => {
    expect(problemsIn(`${MINIMAL}---\n${MINIMAL}`)).toEqual([
      { path: '', line: expect.any(Number), message: expect.stringContaining('the file holds more than one document') },
    ]);
  });

  it('says the nesting is too deep instead of a stack overflow', () => {
    const problems = problemsIn(`name: [${'['.repeat(20_000)}\n`);
    expect(problems).toEqual([{ path: '', line: 1, message: expect.stringContaining('nests lists or maps too deeply') }]);
    expect(JSON.stringify(problems)).not.toContain('call stack');
  });

  it('says too many aliases instead of a resource-exhaustion error', () => {
    const problems = problemsIn(`${MINIMAL}x: &x [1]\ny: [${Array(200).fill('*x').join(',')}]\n`);
    expect(problems).toEqual([{ path: '', message: expect.stringContaining('aliases (*name) too many times') }]);
  });
});
