import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowedSignersPath, readAllowedSigners } from '../../worker/allowed-signers';
import { WorkerConfigError } from '../../worker/config';

const ED25519 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

describe("the worker's allowed signers", () => {
  const dir = mkdtempSync(join(tmpdir(), 'signers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('takes the file from --allowed-signers, else from CUTOVER_ALLOWED_SIGNERS', () => {
    expect(allowedSignersPath('/etc/a', { CUTOVER_ALLOWED_SIGNERS: '/etc/b' })).toBe('/etc/a');
    expect(allowedSignersPath(undefined, { CUTOVER_ALLOWED_SIGNERS: '/etc/b' })).toBe('/etc/b');
    expect(allowedSignersPath(undefined, { CUTOVER_ALLOWED_SIGNERS: ' ' })).toBeUndefined();
  });

  it('reads every key of a good file', () => {
    expect(readAllowedSigners(file('good', `# on-call\nbob@example.com ${ED25519}\n`))).toHaveLength(1);
  });

  it('stops the worker with each bad line numbered', () => {
    const path = file('bad', `bob@example.com ${ED25519}\nalice ssh-ed25519\ncarol ssh-dss AAAA\n`);
    expect(() => readAllowedSigners(path)).toThrow(WorkerConfigError);
    expect(() => readAllowedSigners(path)).toThrow(/line 2: .*\n.*line 3: key type "ssh-dss" is not supported/);
  });

  it('names a file it cannot read, and a file with no key', () => {
    expect(() => readAllowedSigners(join(dir, 'missing'))).toThrow(/cannot read the allowed signers .*missing \(ENOENT\)/);
    expect(() => readAllowedSigners(file('empty', '# nobody yet\n'))).toThrow(/lists no key/);
  });
});
