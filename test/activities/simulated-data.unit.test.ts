import { SimulatedCloud } from '../../activities/simulated';

/** A cloud on a clock the test moves, with databases and a write every 100ms. */
function cloudAt(start = 1_000_000) {
  let now = start;
  const cloud = SimulatedCloud.create({
    clock: () => now,
    scenario: { replication: { cdc: {} }, data: { forwardDelayMs: 500, reverseDelayMs: 1_000, writeEveryMs: 100 } },
  });
  const replication = cloud.providers().replication.simulated!;
  const hooks = cloud.providers().hooks.simulated!;
  const config = { provider: 'simulated', task: 'cdc', reverseTask: 'cdc-reverse', timeout: 60_000, pollInterval: 1_000, noData: 'wait' } as const;
  const hook = (action: 'freeze' | 'unfreeze' | 'switch-writes', target: 'blue' | 'green') =>
    hooks.run({ provider: 'simulated', name: action, timeout: 1_000 }, { idempotencyKey: `${action}-${target}`, cutover: 'c', target, action });
  return { cloud, replication, config, hook, advance: (ms: number) => (now += ms) };
}

describe('simulated databases', () => {
  it('acknowledge writes only on the writer side while it is not frozen, and count the refused ones', async () => {
    const { cloud, hook, advance } = cloudAt();
    advance(1_000);
    await hook('freeze', 'blue');
    advance(1_000);
    expect(cloud.ledgers().load).toEqual({ attempted: 20, acknowledged: 10, refused: 10 });
    expect(cloud.ledgers().writes.blue).toBe(10);
  });

  it('copy writes forward after their delay, the lag counted from the oldest write not yet copied', async () => {
    const { cloud, replication, config, hook, advance } = cloudAt();
    advance(2_000);
    expect(await replication.lagSeconds(config, 'forward')).toBe(0.4);
    await hook('freeze', 'blue');
    advance(500);
    expect(await replication.lagSeconds(config, 'forward')).toBe(0);
    expect(cloud.ledgers().writes).toEqual({ blue: 20, green: 20 });
  });

  it('copy green\'s writes back to blue only once the reverse replication runs, and count what blue lacks', async () => {
    const { cloud, replication, config, hook, advance } = cloudAt();
    await hook('switch-writes', 'green');
    advance(1_000);
    expect(await replication.reverseStatus(config)).toEqual({ running: false, status: 'stopped' });
    expect(cloud.missingFromBlue()).toBe(10);
    await replication.startReverse(config);
    await replication.startReverse(config);
    await hook('freeze', 'green');
    expect(await replication.lagSeconds(config, 'reverse')).toBe(0.9);
    advance(1_000);
    expect(await replication.lagSeconds(config, 'reverse')).toBe(0);
    expect(cloud.missingFromBlue()).toBe(0);
  });

  it('record how many of green\'s writes blue lacked when it was unfrozen', async () => {
    const { cloud, replication, config, hook, advance } = cloudAt();
    await hook('freeze', 'blue');
    await hook('switch-writes', 'green');
    await replication.startReverse(config);
    advance(1_000);
    await hook('unfreeze', 'blue');
    expect(cloud.ledgers().blueReopened).toEqual([{ at: expect.any(Number), missing: 10 }]);
  });

  it('refuse to start a reverse replication the runbook does not name', async () => {
    const { replication, config } = cloudAt();
    await expect(replication.startReverse({ ...config, reverseTask: undefined })).rejects.toThrow(/names no replication.reverseTask/);
  });
});
