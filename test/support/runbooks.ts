/**
 * Runbooks and simulated clouds with sub-second timings, so a whole cutover runs in seconds on the
 * real Temporal server.
 */
import { runbookSchema, type Runbook, type RunbookInput } from '../../workflows/runbook/schema';
import { SimulatedCloud, type Scenario } from '../../activities/simulated';
import { approvalPolicyProblems } from '../../workflows/runbook/approval-rules';

export const RECORD = 'orders.example.com';

export function fastRunbook(overrides: Partial<RunbookInput> = {}): Runbook {
  const input: RunbookInput = {
    name: 'orders-test',
    rpo: '5s',
    dns: { provider: 'simulated', record: RECORD, blue: 'orders-aws', green: 'orders-azure', ttl: '500ms', syncTimeout: '10s' },
    replication: { provider: 'simulated', task: 'orders-cdc', timeout: '10s', pollInterval: '200ms' },
    drain: { provider: 'simulated', timeout: '10s', pollInterval: '200ms', queues: [{ name: 'orders-events' }] },
    canary: {
      steps: [
        { weight: 20, bake: '800ms' },
        { weight: 50, bake: '800ms' },
        { weight: 100, bake: '800ms' },
      ],
    },
    analysis: {
      interval: '1s',
      consecutiveErrorLimit: 3,
      metrics: [
        {
          name: 'error-rate',
          provider: 'simulated',
          query: 'green.error_rate',
          baselineQuery: 'blue.error_rate',
          threshold: { above: 'baseline * 3' },
          for: '1s',
          noData: 'inconclusive',
          onBreach: 'rollback',
        },
      ],
    },
    hooks: { freeze: { provider: 'simulated', name: 'freeze-writes' }, unfreeze: { provider: 'simulated', name: 'unfreeze-writes' } },
    notifications: [{ provider: 'simulated', channel: '#cutover' }],
    ...overrides,
  };
  const runbook = runbookSchema.parse(input);
  // Most tests approve with names as typed, which only a runbook on simulated providers may do; the
  // signing tests, and runbooks with a real provider, sign.
  if (overrides.approvals === undefined && approvalPolicyProblems({ ...runbook, approvals: 'unverified' }).length === 0) runbook.approvals = 'unverified';
  return runbook;
}

export function fastScenario(): Scenario {
  return {
    dns: { [RECORD]: { ttlMs: 500, syncDelayMs: 50 } },
    replication: { 'orders-cdc': { lag: { startSeconds: 2 } } },
    queues: { 'orders-events': { depth: 5, drainPerSecond: 50 } },
    metrics: {
      'blue.error_rate': 0.01,
      'green.error_rate': 0.01,
      'blue.availability': 0.999,
      'green.availability': 0.999,
    },
  };
}

/**
 * The fast scenario's record back at 100% blue, as an operator would set it before running a runbook
 * again on it once the last cutover has ended: a cutover refuses a record it does not read 100% blue.
 */
export function backToBlue(cloud: SimulatedCloud): void {
  cloud.addDnsRecord(RECORD, { ttlMs: 500, syncDelayMs: 50 });
}

/**
 * The fast scenario with more records beside its own, for tests that run cutovers side by side: one
 * cutover owns a record until it ends, so each needs a record of its own (see onRecord).
 */
export function fastScenarioWith(...records: string[]): Scenario {
  const scenario = fastScenario();
  for (const record of records) scenario.dns![record] = { ttlMs: 500, syncDelayMs: 50 };
  return scenario;
}

/** The runbook on another DNS record. */
export function onRecord(runbook: Runbook, record: string): Runbook {
  return { ...runbook, dns: { ...runbook.dns, record } };
}

export function fastCloud(scenario: Scenario = fastScenario()): SimulatedCloud {
  return SimulatedCloud.create({ scenario });
}
