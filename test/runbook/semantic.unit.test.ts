import { starterProblems } from '../../workflows/runbook/gate-rules';
import { semanticProblems } from '../../workflows/runbook/semantic';
import type { Runbook } from '../../workflows/runbook/schema';
import { demoRunbook } from './fixtures';

/** The demo runbook with one change, and the problems semanticProblems finds in it. */
function problemsAfter(change: (runbook: Runbook) => void) {
  const runbook = demoRunbook();
  change(runbook);
  return semanticProblems(runbook);
}

function setWeights(runbook: Runbook, weights: number[]) {
  runbook.canary.steps = weights.map((weight) => ({ weight, bake: 4_000 }));
  runbook.gates = runbook.gates.filter((gate) => gate.name !== 'half-way');
}

describe('semanticProblems', () => {
  it('finds nothing wrong with the demo runbook', () => {
    expect(semanticProblems(demoRunbook())).toEqual([]);
  });

  describe('canary weights', () => {
    it('reports a step whose weight does not rise above the previous one', () => {
      const problems = problemsAfter((runbook) => setWeights(runbook, [10, 50, 50, 100]));
      expect(problems).toEqual([
        { path: 'canary.steps[2].weight', message: expect.stringContaining("weight 50 does not rise above the previous step's 50") },
      ]);
    });

    it('reports a first step that sends green no traffic', () => {
      const problems = problemsAfter((runbook) => setWeights(runbook, [0, 100]));
      expect(problems).toEqual([{ path: 'canary.steps[0].weight', message: expect.stringContaining('above 0') }]);
    });

    it('reports a last step that does not reach 100', () => {
      const problems = problemsAfter((runbook) => setWeights(runbook, [10, 50, 90]));
      expect(problems).toEqual([{ path: 'canary.steps[2].weight', message: expect.stringContaining('make the last step weight 100') }]);
    });

    it('accepts a single step straight to 100', () => {
      expect(problemsAfter((runbook) => setWeights(runbook, [100]))).toEqual([]);
    });
  });

  describe('bake and DNS TTL', () => {
    it('reports a bake shorter than the lowered TTL, naming both durations', () => {
      const problems = problemsAfter((runbook) => {
        runbook.dns.lowerTtlTo = 30_000;
        runbook.dns.ttl = 60_000;
        runbook.canary.steps[1]!.bake = 10_000;
      });
      expect(problems.map((p) => p.path)).toContain('canary.steps[1].bake');
      expect(problems.find((p) => p.path === 'canary.steps[1].bake')!.message).toMatch(/bake 10s is shorter than the DNS TTL 30s .*at least 30s/);
    });

    it('uses dns.ttl when the TTL is not lowered', () => {
      const problems = problemsAfter((runbook) => {
        delete runbook.dns.lowerTtlTo;
        runbook.dns.ttl = 5_000;
      });
      expect(problems).toHaveLength(4);
      expect(problems[0]).toEqual({ path: 'canary.steps[0].bake', message: expect.stringContaining('bake 4s is shorter than the DNS TTL 5s (dns.ttl)') });
    });

    it('accepts a bake exactly as long as the TTL', () => {
      const problems = problemsAfter((runbook) => {
        runbook.dns.lowerTtlTo = 4_000;
        runbook.dns.ttl = 10_000;
      });
      expect(problems).toEqual([]);
    });

    it('reports lowerTtlTo that is not lower than ttl', () => {
      const problems = problemsAfter((runbook) => (runbook.dns.lowerTtlTo = 2_000));
      expect(problems).toEqual([{ path: 'dns.lowerTtlTo', message: expect.stringContaining('2s is not lower than dns.ttl 2s') }]);
    });
  });

  it('reports an rpo of zero and an analysis interval shorter than the timer resolution', () => {
    const problems = problemsAfter((runbook) => {
      runbook.rpo = 0;
      runbook.analysis.interval = 250;
    });
    expect(problems.map((p) => p.path)).toEqual(['rpo', 'analysis.interval']);
  });

  describe('gates', () => {
    it('reports a gate without approvers, saying it can never be passed', () => {
      const problems = problemsAfter((runbook) => (runbook.gates[1]!.approvers = []));
      expect(problems).toEqual([
        { path: 'gates[1].approvers', message: expect.stringContaining('a gate without approvers can never be passed; list who may approve') },
      ]);
    });

    it('reports a reference to a gate that is not defined, suggesting the closest name', () => {
      const problems = problemsAfter((runbook) => (runbook.canary.steps[2]!.gate = 'halfway'));
      expect(problems).toEqual([
        { path: 'canary.steps[2].gate', message: expect.stringContaining('no gate named "halfway" in gates (did you mean "half-way"?)') },
        { path: 'gates[1].name', message: expect.stringContaining('gate "half-way" is never used') },
      ]);
    });

    it('reports duplicate gate names', () => {
      const problems = problemsAfter((runbook) => runbook.gates.push({ ...runbook.gates[0]! }));
      expect(problems).toEqual([{ path: 'gates[3].name', message: expect.stringContaining('gate "go-live" is already defined at gates[0]') }]);
    });

    it('reports a gate used at two points', () => {
      const problems = problemsAfter((runbook) => (runbook.signoffGate = 'go-live'));
      expect(problems).toEqual([
        { path: 'signoffGate', message: expect.stringContaining('gate "go-live" is already used by startGate') },
        { path: 'gates[2].name', message: expect.stringContaining('gate "sign-off" is never used') },
      ]);
    });

    it('reports a gate that is defined but never referenced', () => {
      const problems = problemsAfter((runbook) => delete runbook.startGate);
      expect(problems).toEqual([{ path: 'gates[0].name', message: expect.stringContaining('gate "go-live" is never used (a typo in a reference?)') }]);
    });

    it('reports a two-person-rule gate with a single approver: whoever starts, one person could be left to decide alone', () => {
      expect(problemsAfter((runbook) => (runbook.gates[0]!.approvers = ['alice']))).toEqual([
        { path: 'gates[0].approvers', message: expect.stringContaining('a gate under the two-person rule needs at least two approvers') },
      ]);
    });
  });

  describe('metrics', () => {
    it('reports a threshold relative to baseline on a metric without baselineQuery', () => {
      const problems = problemsAfter((runbook) => delete (runbook.analysis.metrics[0] as { baselineQuery?: string }).baselineQuery);
      expect(problems).toEqual([
        { path: 'analysis.metrics[0].threshold', message: expect.stringContaining('no baselineQuery: add baselineQuery') },
      ]);
    });

    it('checks baselines of acceptance checks too', () => {
      const problems = problemsAfter((runbook) => {
        runbook.acceptance!.checks[0]!.threshold = { direction: 'below', value: 0.9, relativeToBaseline: true };
      });
      expect(problems.map((p) => p.path)).toEqual(['acceptance.checks[0].threshold']);
    });

    it('reports a metric name used in both analysis and acceptance', () => {
      const problems = problemsAfter((runbook) => (runbook.acceptance!.checks[0]!.name = 'error-rate'));
      expect(problems).toEqual([
        { path: 'acceptance.checks[0].name', message: expect.stringContaining('metric "error-rate" is already defined at analysis.metrics[0]') },
      ]);
    });
  });

  describe('automatic rollback', () => {
    it('reports a runbook with no analysis metrics that does not say it runs without automatic rollback', () => {
      expect(problemsAfter((runbook) => (runbook.analysis.metrics = []))).toEqual([
        { path: 'analysis.metrics', message: expect.stringContaining('write automaticRollback: false under analysis') },
      ]);
    });

    it('accepts no metrics when the runbook says automaticRollback: false', () => {
      expect(problemsAfter((runbook) => Object.assign(runbook.analysis, { metrics: [], automaticRollback: false }))).toEqual([]);
    });

    it('reports a metric that rolls back in a runbook that says automaticRollback: false', () => {
      const problems = problemsAfter((runbook) => {
        runbook.analysis.automaticRollback = false;
        runbook.analysis.metrics[1]!.onBreach = 'pause';
      });
      expect(problems).toEqual([
        { path: 'analysis.metrics[0].onBreach', message: expect.stringContaining('write onBreach: pause, or remove automaticRollback: false') },
      ]);
    });
  });

  it('reports blue and green naming the same record', () => {
    expect(problemsAfter((runbook) => (runbook.dns.green = runbook.dns.blue))).toEqual([
      { path: 'dns.green', message: expect.stringContaining('is the same as dns.blue') },
    ]);
  });

  it('reports a rollback that would give up before it escalates', () => {
    expect(problemsAfter((runbook) => (runbook.rollback = { escalateAfter: 300_000, giveUpAfter: 60_000 }))).toEqual([
      { path: 'rollback.giveUpAfter', message: '1m is shorter than rollback.escalateAfter 5m: a failing rollback would be given up before anyone is told; give up after 5m or more' },
    ]);
  });

  describe('minimum waits', () => {
    it.each<[string, (runbook: Runbook) => void, string]>([
      ['a replication poll of 0s', (r) => (r.replication.pollInterval = 0), 'replication.pollInterval'],
      ['a drain poll of 0s', (r) => (r.drain!.pollInterval = 0), 'drain.pollInterval'],
      ['a replication timeout of 0s', (r) => (r.replication.timeout = 0), 'replication.timeout'],
      ['a drain timeout of 0s', (r) => (r.drain!.timeout = 0), 'drain.timeout'],
      ['a sync timeout of 0s', (r) => (r.dns.syncTimeout = 0), 'dns.syncTimeout'],
      ['a gate timeout of 0s', (r) => (r.gates[0]!.timeout = 0), 'gates[0].timeout'],
      ['a hook timeout of 0s', (r) => (r.hooks.freeze!.timeout = 0), 'hooks.freeze.timeout'],
      ['an acceptance test timeout of 0s', (r) => (r.acceptance!.tests[0]!.timeout = 0), 'acceptance.tests[0].timeout'],
      ['an escalation after 0s', (r) => (r.rollback = { escalateAfter: 0, giveUpAfter: 3_600_000 }), 'rollback.escalateAfter'],
    ])('reports %s, saying the least it may be', (_, change, path) => {
      expect(problemsAfter(change)).toEqual([{ path, message: expect.stringMatching(/^0ms is shorter than \d+m?s, the least it may be/) }]);
    });

    it('reports an http probe timeout of 0s', () => {
      const problems = problemsAfter((runbook) => {
        runbook.analysis.metrics.push({
          provider: 'http-probe', name: 'health', url: 'https://orders.example.com/healthz', measure: 'success-rate', requests: 4, timeout: 0,
          threshold: { direction: 'below', value: 0.99, relativeToBaseline: false }, for: 0, noData: 'fail', onBreach: 'rollback',
        });
      });
      expect(problems).toEqual([{ path: 'analysis.metrics[2].timeout', message: expect.stringContaining('0ms is shorter than 100ms') }]);
    });
  });

  it('reports a drain queue listed twice', () => {
    const problems = problemsAfter((runbook) => (runbook.drain!.queues[1]!.name = 'orders-events'));
    expect(problems).toEqual([{ path: 'drain.queues[1].name', message: expect.stringContaining('queue "orders-events" is already listed') }]);
  });
});

describe('starterProblems', () => {
  const soloGate = (runbook: Runbook) => {
    runbook.gates[0]!.approvers = ['olivia'];
    runbook.gates[0]!.twoPersonRule = true;
  };

  it('reports a two-person gate whose only approver is the one who starts the cutover', () => {
    const runbook = demoRunbook();
    soloGate(runbook);
    expect(starterProblems(runbook, 'olivia')).toEqual([
      { path: 'gates[0].approvers', message: expect.stringContaining('olivia starts this cutover and is the only approver of gate "go-live"') },
    ]);
  });

  it('finds nothing when someone else starts, or when the gate has no two-person rule', () => {
    const runbook = demoRunbook();
    soloGate(runbook);
    expect(starterProblems(runbook, 'dave')).toEqual([]);
    runbook.gates[0]!.twoPersonRule = false;
    expect(starterProblems(runbook, 'olivia')).toEqual([]);
  });

  it('never prints the starter\'s name raw', () => {
    const runbook = demoRunbook();
    runbook.gates[0]!.approvers = ['oli\u001b[2Jvia'];
    runbook.gates[0]!.twoPersonRule = true;
    expect(starterProblems(runbook, 'oli\u001b[2Jvia')[0]!.message).toContain('oli\\x1b[2Jvia');
  });
});
