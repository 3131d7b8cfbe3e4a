/**
 * The runbook fields of the providers that move data both ways: a DMS reverse task, the Prometheus
 * lag queries, the Service Bus queues and the counts that make their depth.
 */
import { minimalWith, problemsIn, accepted } from '../runbook/fixtures';
import { validateRunbookText } from '../../client/runbook/load';

const SIMULATED_REPLICATION = `replication:
  provider: simulated
  task: app-cdc
  timeout: 1m
`;

const withReplication = (yaml: string) => minimalWith(SIMULATED_REPLICATION, yaml);
const withDrain = (yaml: string) => `${withReplication(SIMULATED_REPLICATION)}${yaml}`;

function parsed(text: string) {
  const result = validateRunbookText(text, 'test.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.runbook;
}

describe('replication: dms with a reverse task', () => {
  it('accepts a reverse task beside the forward one', () => {
    const runbook = parsed(withReplication('replication:\n  provider: dms\n  task: orders-cdc\n  reverseTask: orders-cdc-back\n  timeout: 10m\n'));
    expect(runbook.replication).toMatchObject({ provider: 'dms', task: 'orders-cdc', reverseTask: 'orders-cdc-back' });
  });

  it('refuses a reverse task that is the forward task again', () => {
    const problems = problemsIn(withReplication('replication:\n  provider: dms\n  task: orders-cdc\n  reverseTask: Orders-CDC\n  timeout: 10m\n'));
    expect(problems).toEqual([expect.objectContaining({ path: 'replication.reverseTask', message: expect.stringContaining('names the forward task orders-cdc again') })]);
  });
});

describe('replication: prometheus lag queries', () => {
  const prometheus = (extra: string) =>
    withReplication(`replication:\n  provider: prometheus\n  task: orders-db\n  endpoint: http://prometheus:9090\n  timeout: 10m\n${extra}`);

  it('accepts a forward query and a reverse query, with secret headers named by variable', () => {
    const text = prometheus(
      "  query: max(pg_replication_lag_seconds{cluster=\"green\"})\n  reverseQuery: max(pg_replication_lag_seconds{cluster=\"blue\"})\n  secretHeaders: { Authorization: PROM_TOKEN }\n",
    );
    expect(accepted(text)).toBe(true);
  });

  it('needs a forward query', () => {
    expect(problemsIn(prometheus('')).map((problem) => problem.path)).toEqual(['replication.query']);
  });

  it('refuses a reverse query that is the forward query again', () => {
    const problems = problemsIn(prometheus('  query: max(mysql_slave_status_seconds_behind_master)\n  reverseQuery: " max(mysql_slave_status_seconds_behind_master)"\n'));
    expect(problems).toEqual([expect.objectContaining({ path: 'replication.reverseQuery', message: expect.stringContaining('would read the forward lag') })]);
  });

  it('refuses a secret written as a plain header', () => {
    const problems = problemsIn(prometheus('  query: up\n  headers: { Authorization: "Bearer abcdef0123456789" }\n'));
    expect(problems[0]!.path).toBe('replication.headers.Authorization');
  });
});

describe('drain: servicebus queues', () => {
  const servicebus = (queues: string) =>
    withDrain(
      `drain:\n  provider: servicebus\n  subscriptionId: 6f1c2a3b-0000-4000-8000-00000000c0de\n  resourceGroup: rg-green\n  namespace: orders-green\n  timeout: 5m\n  queues:\n${queues}`,
    );

  it('counts active and scheduled messages unless the queue says otherwise', () => {
    const runbook = parsed(servicebus('    - name: orders\n    - name: payments\n      count: [active, scheduled, deadLetter]\n'));
    expect(runbook.drain!.queues).toEqual([
      { name: 'orders', maxMessages: 0, count: ['active', 'scheduled'] },
      { name: 'payments', maxMessages: 0, count: ['active', 'scheduled', 'deadLetter'] },
    ]);
  });

  it('refuses an unknown count, an empty list and a count written twice', () => {
    const problems = problemsIn(servicebus('    - name: a\n      count: [active, transfer]\n    - name: b\n      count: []\n    - name: c\n      count: [active, active]\n'));
    expect(problems.map((problem) => problem.path)).toEqual(['drain.queues[0].count[1]', 'drain.queues[1].count', 'drain.queues[2].count']);
    expect(problems[2]!.message).toContain('lists a count twice');
  });

  it('needs the namespace that holds the queues', () => {
    const text = servicebus('    - name: orders\n').replace('  namespace: orders-green\n', '');
    expect(problemsIn(text).map((problem) => problem.path)).toEqual(['drain.namespace']);
  });
});
