import path from 'node:path';
import { configPath, identityInConfig, resolveIdentity } from '../../client/identity';
import { UsageError } from '../../client/errors';
import { IDENTITY_HINT, unsafeCharacter } from '../../workflows/runbook/text';

const CONFIG = '/home/alice/.config/cutover/config.yaml';
const files = (byPath: Record<string, string>) => (file: string) => byPath[file];

describe('who is acting', () => {
  it('is --as first, over the environment, the config file and the OS user', () => {
    const identity = resolveIdentity({ flag: 'bob', env: { CUTOVER_IDENTITY: 'carol', CUTOVER_CONFIG: CONFIG }, readFile: files({ [CONFIG]: 'identity: dave' }), osUser: () => 'erin' });
    expect(identity).toEqual({ name: 'bob', source: '--as' });
  });

  it('is CUTOVER_IDENTITY without --as', () => {
    const identity = resolveIdentity({ env: { CUTOVER_IDENTITY: ' carol ', CUTOVER_CONFIG: CONFIG }, readFile: files({ [CONFIG]: 'identity: dave' }), osUser: () => 'erin' });
    expect(identity).toEqual({ name: 'carol', source: 'CUTOVER_IDENTITY' });
  });

  it('is the config file\'s identity without --as or CUTOVER_IDENTITY, naming the file it came from', () => {
    const identity = resolveIdentity({ env: { CUTOVER_CONFIG: CONFIG }, readFile: files({ [CONFIG]: 'identity: dave\n' }), osUser: () => 'erin' });
    expect(identity).toEqual({ name: 'dave', source: CONFIG });
  });

  it('is the OS user when nothing else says', () => {
    expect(resolveIdentity({ env: { CUTOVER_CONFIG: CONFIG }, readFile: files({}), osUser: () => 'erin' })).toEqual({ name: 'erin', source: 'OS user' });
  });

  it('looks for the config file under XDG_CONFIG_HOME, else ~/.config, unless CUTOVER_CONFIG says where', () => {
    expect(configPath({ CUTOVER_CONFIG: '/etc/cutover.yaml' })).toBe('/etc/cutover.yaml');
    expect(configPath({ XDG_CONFIG_HOME: '/x' })).toBe(path.join('/x', 'cutover', 'config.yaml'));
  });

  it('refuses an empty --as rather than recording nobody', () => {
    expect(() => resolveIdentity({ flag: '  ', env: {}, osUser: () => 'erin' })).toThrow(UsageError);
  });

  it('names the config file and the field when the config file is wrong', () => {
    expect(() => identityInConfig(CONFIG, 'identiy: dave')).toThrow(`config ${CONFIG}: unknown field "identiy"; allowed here: identity, key`);
    expect(() => identityInConfig(CONFIG, 'identity: [dave]')).toThrow(`config ${CONFIG}: identity: expected a name`);
    expect(() => identityInConfig(CONFIG, 'identity: "dave')).toThrow(`config ${CONFIG}: YAML syntax`);
  });

  it('treats an empty config file as saying nothing', () => {
    expect(identityInConfig(CONFIG, '')).toBeUndefined();
    expect(identityInConfig(CONFIG, '# identity: dave\n')).toBeUndefined();
  });

  describe('refuses a name a terminal would not show as it is, naming where it came from', () => {
    const refusal = (sources: Parameters<typeof resolveIdentity>[0]) => {
      try {
        resolveIdentity(sources);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return (err as Error).message;
      }
      throw new Error('the identity was accepted');
    };

    it.each([
      ['an escape sequence', '\x1b[2Jalice', 'ESC (U+001B)', '"\\x1b[2Jalice"'],
      ['a zero-width space', 'car\u200bol', 'a zero-width space (U+200B)', '"car\\u200bol"'],
      ['a NUL byte', 'al\0ice', 'NUL (U+0000)', '"al\\x00ice"'],
    ])('--as with %s', (_, name, what, shown) => {
      const message = refusal({ flag: name, env: {}, osUser: () => 'erin' });
      expect(message).toBe(`--as ${shown} contains ${what}, which a terminal would not show as it is; use ${IDENTITY_HINT}`);
      expect(unsafeCharacter(message)).toBeNull();
    });

    it('CUTOVER_IDENTITY, the config file and the OS user name alike', () => {
      expect(refusal({ env: { CUTOVER_IDENTITY: 'car\u200bol', CUTOVER_CONFIG: CONFIG }, osUser: () => 'erin' })).toMatch(/^CUTOVER_IDENTITY "car\\u200bol" contains a zero-width space/);
      expect(refusal({ env: { CUTOVER_CONFIG: CONFIG }, readFile: files({ [CONFIG]: 'identity: "al\\0ice"' }), osUser: () => 'erin' })).toMatch(new RegExp(`^identity in ${CONFIG} "al\\\\x00ice" contains NUL`));
      expect(refusal({ env: { CUTOVER_CONFIG: CONFIG }, readFile: files({}), osUser: () => 'J\u00f6rg' })).toBe(`the OS user name "J\u00f6rg" is not a plain name; use ${IDENTITY_HINT}`);
    });
  });
});
