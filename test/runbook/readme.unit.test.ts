import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRunbookText } from '../../client/runbook/load';
import { EXAMPLES } from './fixtures';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

/** The code block that follows `marker` in the README. */
function blockAfter(marker: string): string {
  const at = README.indexOf(marker);
  if (at < 0) throw new Error(`README has no ${JSON.stringify(marker)}`);
  const match = /```\n([\s\S]*?)\n```/.exec(README.slice(at));
  if (!match) throw new Error(`no code block after ${JSON.stringify(marker)}`);
  return match[1]!;
}

describe('the README', () => {
  it('shows exactly what validate prints for examples/orders-cutover.yaml with its second step changed as it says', () => {
    const example = readFileSync(join(EXAMPLES, 'orders-cutover.yaml'), 'utf8');
    const secondStep = '    - weight: 25\n      bake: 4s\n';
    expect(example).toContain(secondStep);
    const result = validateRunbookText(example.replace(secondStep, '    - weight: 5\n      bake: 500ms\n'), 'examples/orders-cutover.yaml');
    if (result.ok) throw new Error('expected the changed example to be refused');
    expect(blockAfter('`cutover validate examples/orders-cutover.yaml` prints:')).toBe(result.error.message);
  });
});
