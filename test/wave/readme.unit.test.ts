import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wavePlanLines } from '../../client/render/wave-plan';
import { loadWave } from '../../client/wave/load';
import { wavePlanOf } from '../../client/wave/plan';
import { EXAMPLES } from '../runbook/fixtures';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('the README on waves', () => {
  it('shows exactly what wave plan prints for examples/wave-orders.yaml at 80 columns', () => {
    const at = README.indexOf('`cutover wave plan <wave>` prints the schedule');
    const block = /```\n([\s\S]*?)\n```/.exec(README.slice(at))?.[1];
    const plan = wavePlanOf(loadWave(join(EXAMPLES, 'wave-orders.yaml')), 5);
    expect(block).toBe(wavePlanLines(plan, { width: 80, source: 'examples/wave-orders.yaml' }).join('\n'));
  });
});
