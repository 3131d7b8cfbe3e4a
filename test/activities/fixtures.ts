/** A runbook matching the simulated cloud's default scenario, parsed the way the client does. */
import { runbookSchema, type Runbook, type RunbookInput } from '../../workflows/runbook/schema';

export function demoRunbookInput(): RunbookInput {
  return {
    name: 'orders-cutover',
    rpo: '1s',
    dns: { provider: 'simulated', record: 'orders.example.com', blue: 'orders-aws', green: 'orders-azure', ttl: '2s' },
    replication: { provider: 'simulated', task: 'orders-cdc', timeout: '1m', pollInterval: '1s' },
    drain: {
      provider: 'simulated',
      timeout: '1m',
      queues: [{ name: 'orders-events' }, { name: 'payments-events', maxMessages: 2 }],
    },
    canary: { steps: [{ weight: 10, bake: '4s' }, { weight: 100, bake: '4s' }] },
    analysis: {
      interval: '1s',
      metrics: [
        { name: 'error_rate', provider: 'simulated', query: 'green.error_rate', baselineQuery: 'blue.error_rate', threshold: { above: 'baseline * 2' }, for: '2s' },
        { name: 'latency_p95', provider: 'simulated', query: 'green.latency_p95_ms', baselineQuery: 'blue.latency_p95_ms', threshold: { above: 400 } },
      ],
    },
    acceptance: {
      soak: '5s',
      checks: [{ name: 'availability', provider: 'simulated', query: 'green.availability', threshold: { below: 0.99 } }],
      tests: [{ provider: 'simulated', name: 'smoke-test' }],
    },
    hooks: { freeze: { provider: 'simulated', name: 'freeze-writes' }, unfreeze: { provider: 'simulated', name: 'unfreeze-writes' } },
    notifications: [{ provider: 'simulated', channel: '#cutover' }],
  };
}

export function demoRunbook(change: (input: RunbookInput) => void = () => {}): Runbook {
  const input = demoRunbookInput();
  change(input);
  return runbookSchema.parse(input);
}

/** A clock a test moves by hand, so rates (lag, drain, sync delay) need no real waiting. */
export function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => void (now += ms),
  };
}
