import path from 'node:path';
import { configPath, identityInConfig, resolveIdentity } from '../../client/identity';
import { UsageError } from '../../client/errors';

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
    expect(() => identityInConfig(CONFIG, 'identiy: dave')).toThrow(`config ${CONFIG}: unknown field "identiy"; allowed here: identity`);
    expect(() => identityInConfig(CONFIG, 'identity: [dave]')).toThrow(`config ${CONFIG}: identity: expected a name`);
    expect(() => identityInConfig(CONFIG, 'identity: "dave')).toThrow(`config ${CONFIG}: YAML syntax`);
  });

  it('treats an empty config file as saying nothing', () => {
    expect(identityInConfig(CONFIG, '')).toBeUndefined();
    expect(identityInConfig(CONFIG, '# identity: dave\n')).toBeUndefined();
  });
});
