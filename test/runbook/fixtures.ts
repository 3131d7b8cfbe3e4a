/** Runbooks shared by the runbook tests: the demo example, and a small valid one to break on purpose. */
import { join } from 'node:path';
import { loadRunbook, validateRunbookText } from '../../client/runbook/load';
import type { RunbookProblem } from '../../workflows/runbook/problems';
import type { Runbook } from '../../workflows/runbook/schema';

export const EXAMPLES = join(__dirname, '..', '..', 'examples');

/** A fresh copy of examples/orders-cutover.yaml, parsed, for tests that change one thing in it. */
export function demoRunbook(): Runbook {
  return structuredClone(loadRunbook(join(EXAMPLES, 'orders-cutover.yaml')));
}

/** The smallest valid runbook; tests append to or replace lines of it (appended metrics join its list). */
export const MINIMAL = `name: minimal
rpo: 5s
dns:
  provider: simulated
  record: app.example.com
  blue: app-aws
  green: app-azure
  ttl: 2s
replication:
  provider: simulated
  task: app-cdc
  timeout: 1m
canary:
  steps:
    - weight: 50
      bake: 2s
    - weight: 100
      bake: 2s
analysis:
  interval: 1s
  metrics:
    - name: error-rate
      provider: simulated
      query: green.error_rate
      threshold: { above: 0.05 }
`;

/** MINIMAL with `before` replaced by `after`, failing loudly if the fixture no longer contains it. */
export function minimalWith(before: string, after: string): string {
  if (!MINIMAL.includes(before)) throw new Error(`fixture has no ${JSON.stringify(before)}`);
  return MINIMAL.replace(before, after);
}

/** The problems found in `text` (failing the test if it is accepted). */
export function problemsIn(text: string): RunbookProblem[] {
  const result = validateRunbookText(text, 'test.yaml');
  if (result.ok) throw new Error('expected the runbook to be rejected');
  return result.problems;
}

/** Whether `text` is a valid runbook; the problems are in the failure message when it is not. */
export function accepted(text: string): true | RunbookProblem[] {
  const result = validateRunbookText(text, 'test.yaml');
  return result.ok ? true : result.problems;
}

/** MINIMAL with one more analysis metric, written as YAML lines under `- `. */
export function withMetric(lines: string): string {
  return `${MINIMAL}    - name: extra\n${lines.replace(/^/gm, '      ')}\n`;
}
