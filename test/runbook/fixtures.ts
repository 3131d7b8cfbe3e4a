/** Runbooks shared by the runbook tests: the demo example, and a small valid one to break on purpose. */
import { join } from 'node:path';
import { loadRunbook } from '../../client/runbook/load';
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
