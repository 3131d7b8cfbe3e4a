import { actionKey, notificationKey } from '../../workflows/keys';

const first = { cutover: 'orders-cutover', firstRunId: 'run-a' };
const reused = { cutover: 'orders-cutover', firstRunId: 'run-b' };

describe('idempotency keys', () => {
  it('differ for the same action of two cutovers started with the same id', () => {
    expect(actionKey(first, 'freeze-blue')).not.toBe(actionKey(reused, 'freeze-blue'));
    expect(notificationKey(first, 1, 'gate-open')).not.toBe(notificationKey(reused, 1, 'gate-open'));
  });

  it('differ for two notifications of one kind in one run', () => {
    expect(notificationKey(first, 3, 'gate-open')).not.toBe(notificationKey(first, 4, 'gate-open'));
  });

  it('are the same for a retry of one action', () => {
    expect(actionKey(first, 'unfreeze-green')).toBe(actionKey({ ...first }, 'unfreeze-green'));
  });
});
