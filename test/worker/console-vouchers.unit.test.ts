import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleVouchersPath, parseConsoleVouchers, readConsoleVouchers } from '../../worker/console-vouchers';
import { parseAllowedSigners } from '../../workflows/signing/allowed-signers';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const good = `consoles:
  - principal: console@ops.example.com   # its key is in the allowed signers
    issuer: https://login.example.com/
    subjects:
      "00u1abcd": bob
      "00u2alic": alice
`;

describe("the worker's console vouchers", () => {
  it('reads consoles, issuers and the subject of each approver', () => {
    expect(parseConsoleVouchers(good, 'vouchers.yaml')).toEqual([{ principal: 'console@ops.example.com', issuer: 'https://login.example.com/', subjects: { '00u1abcd': 'bob', '00u2alic': 'alice' } }]);
  });

  it('names every bad line with what to write instead', () => {
    const bad = `consoles:
  - principal: "con sole"
    issuer: http://login.example.com/
    subjects:
      "00u1abcd": "bob\\u202e"
    role: admin
`;
    let message = '';
    try {
      parseConsoleVouchers(bad, 'vouchers.yaml');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('the console vouchers vouchers.yaml are not valid (4 problems)');
    expect(message).toMatch(/vouchers\.yaml:2 consoles\[0\]\.principal: the console principal is not a plain name/);
    expect(message).toMatch(/vouchers\.yaml:3 consoles\[0\]\.issuer: .*http only on localhost/);
    expect(message).toMatch(/vouchers\.yaml:5 consoles\[0\]\.subjects\[\"00u1abcd\"\]: the approver principal contains/);
    expect(message).toMatch(/vouchers\.yaml:6 consoles\[0\]\.role: /);
  });

  it('accepts a local http issuer, as a test provider on localhost has', () => {
    expect(parseConsoleVouchers(good.replace('https://login.example.com/', 'http://127.0.0.1:4000/'), 'v.yaml')[0]!.issuer).toBe('http://127.0.0.1:4000/');
  });

  it('refuses the same console and issuer twice, and an empty file', () => {
    const twice = `${good}  - principal: console@ops.example.com\n    issuer: https://login.example.com/\n    subjects: { "x": carol }\n`;
    expect(() => parseConsoleVouchers(twice, 'v.yaml')).toThrow(/v\.yaml:7 consoles\[1\]: console console@ops\.example\.com with issuer https:\/\/login\.example\.com\/ is already listed at consoles\[0\]/);
    expect(() => parseConsoleVouchers('', 'v.yaml')).toThrow(/the file is empty/);
  });

  it('stops the worker when a console has no key in the allowed signers, or there are no allowed signers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouchers-'));
    try {
      const file = join(dir, 'vouchers.yaml');
      writeFileSync(file, good);
      expect(readConsoleVouchers(file, parseAllowedSigners(`console@ops.example.com ${KEY}\n`))).toHaveLength(1);
      expect(() => readConsoleVouchers(file, parseAllowedSigners(`bob ${KEY}\n`))).toThrow(/name console@ops\.example\.com, with no key in the allowed signers: add a line "console@ops\.example\.com ssh-ed25519 AAAA…"/);
      expect(() => readConsoleVouchers(file, undefined)).toThrow(/needs the allowed signers too/);
      expect(() => readConsoleVouchers(join(dir, 'missing.yaml'), [])).toThrow(/cannot read the console vouchers .*ENOENT/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('comes from --console-vouchers, else CUTOVER_CONSOLE_VOUCHERS', () => {
    expect(consoleVouchersPath('a.yaml', { CUTOVER_CONSOLE_VOUCHERS: 'b.yaml' })).toBe('a.yaml');
    expect(consoleVouchersPath(undefined, { CUTOVER_CONSOLE_VOUCHERS: 'b.yaml' })).toBe('b.yaml');
    expect(consoleVouchersPath(undefined, {})).toBeUndefined();
  });
});
