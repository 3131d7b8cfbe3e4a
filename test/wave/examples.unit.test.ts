import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRunbook } from '../../client/runbook/load';
import { loadWave } from '../../client/wave/load';
import { EXAMPLES } from '../runbook/fixtures';

const files = readdirSync(EXAMPLES).filter((file) => file.endsWith('.yaml'));
const waves = files.filter((file) => file.startsWith('wave-'));

describe('examples', () => {
  it.each(files.filter((file) => !waves.includes(file)))('runbook examples/%s is valid', (file) => {
    expect(() => loadRunbook(join(EXAMPLES, file))).not.toThrow();
  });

  it.each(waves)('wave examples/%s is valid with every runbook it names', (file) => {
    expect(() => loadWave(join(EXAMPLES, file))).not.toThrow();
  });
});
