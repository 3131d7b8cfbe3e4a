/** The lease's pure decisions: free or mine is granted, another's is refused naming them; only the holder releases. */
import { acquireRequestSchema, forceReleaseRequestSchema, releaseRequestSchema, type LeaseHolder } from '../../workflows/leases/messages';
import { describeHolder, holderState, judgeAcquire, refusalMessage, releaseProblem } from '../../workflows/leases/rules';

const orders: LeaseHolder = { cutover: 'orders-1', firstRunId: 'run-a', startedBy: 'olivia', startedAt: '2026-12-07T23:00:00.000Z', wave: null };
const payments: LeaseHolder = { ...orders, cutover: 'payments-1', firstRunId: 'run-b', startedBy: 'bob' };

describe('lease rules', () => {
  it('grants a free lease, and the same cutover again as a renewal', () => {
    expect(judgeAcquire(null, orders)).toEqual({ granted: true, renewed: false });
    expect(judgeAcquire(orders, { ...orders })).toEqual({ granted: true, renewed: true });
  });

  it('refuses another cutover, naming the holder', () => {
    expect(judgeAcquire(orders, payments)).toEqual({ granted: false, holder: orders });
    expect(describeHolder(orders)).toBe('cutover orders-1, started by olivia at 2026-12-07T23:00:00.000Z');
  });

  it('counts a later cutover reusing the id as another cutover', () => {
    expect(judgeAcquire(orders, { ...orders, firstRunId: 'run-z' }).granted).toBe(false);
  });

  it('lets only the holder release by signal', () => {
    expect(releaseProblem(orders, orders)).toBeNull();
    expect(releaseProblem(orders, payments)).toMatch(/held by cutover orders-1/);
    expect(releaseProblem(null, orders)).toMatch(/nobody held/);
  });

  it('tells the person what to do, by what the holder is doing', () => {
    const say = (state: Parameters<typeof refusalMessage>[3]) => refusalMessage('dns/simulated/q/orders.example.com', 'DNS record orders.example.com', orders, state);
    expect(say('running')).toMatch(/held by cutover orders-1, started by olivia at .*cutover abort orders-1/);
    expect(say('rollback-failed')).toMatch(/rollback-failed .*cutover release dns\/simulated\/q\/orders.example.com --reason/);
    expect(say('terminated')).toMatch(/terminated .*half-moved.*cutover release/);
    expect(holderState('TERMINATED', null)).toBe('terminated');
    expect(holderState('COMPLETED', 'rollback-failed')).toBe('rollback-failed');
    expect(holderState('COMPLETED', 'completed')).toBe('ended');
    expect(holderState('RUNNING', null)).toBe('running');
    expect(holderState(null, null)).toBe('unknown');
  });

  it('parses every payload with its schema, naming the bad field', () => {
    expect(acquireRequestSchema.safeParse({ holder: orders }).success).toBe(true);
    const bad = acquireRequestSchema.safeParse({ holder: { ...orders, startedAt: 'yesterday' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['holder', 'startedAt']);
    expect(acquireRequestSchema.safeParse({ holder: { ...orders, extra: 1 } }).success).toBe(false);
    expect(acquireRequestSchema.safeParse(null).success).toBe(false);
    expect(releaseRequestSchema.safeParse({ cutover: 'x', firstRunId: '', why: 'done' }).success).toBe(false);
    expect(forceReleaseRequestSchema.safeParse({ by: 'olivia', reason: 'checked' }).success).toBe(true);
    expect(forceReleaseRequestSchema.safeParse({ by: 'olivia', reason: 'checked', signed: { statement: 1 } }).success).toBe(false);
  });
});
