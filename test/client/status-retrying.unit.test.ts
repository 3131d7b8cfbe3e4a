import { statusScreen } from '../../client/render/status-screen';
import { iso, status, T0 } from './fixtures';

const ID = 'orders-cutover-20260301-091500';
const options = { width: 100, now: T0 + 20_000, utc: true, live: false };
const execution = { status: 'RUNNING', taskQueue: 'cutover' };

describe('the status screen, on provider calls tried again', () => {
  it('shows the call being retried, how many tries failed, until when, and the last error escaped', () => {
    const screen = statusScreen(
      {
        id: ID,
        execution,
        status: status({
          outcome: 'running',
          phase: 'canary',
          endedAt: null,
          retrying: { operation: 'waitForDnsSync', attempts: 3, lastError: 'Rate exceeded\u001b[2J', since: iso(10_000), deadline: iso(70_000) },
        }),
      },
      options,
    ).join('\n');
    expect(screen).toContain('retrying  waitForDnsSync: 3 failed since 09:15:10, gives up at 09:16:10: Rate exceeded');
    expect(screen).not.toContain('\u001b[2J');
  });

  it('names each step of a completed run left to a human', () => {
    const screen = statusScreen(
      {
        id: ID,
        execution: { ...execution, status: 'COMPLETED' },
        status: status({
          reason: '100% green and signed off; still failing, left to a human: restore the DNS TTL',
          unfinished: [{ operation: 'restoreTtl', attempts: 12, lastError: 'Route 53: AccessDenied', since: iso(1_000) }],
        }),
      },
      options,
    ).join('\n');
    expect(screen).toContain('undone    restoreTtl still failing after 12 tries: Route 53: AccessDenied');
  });

  it('says a paused gate\'s timeout is held instead of showing a deadline that is moving', () => {
    const gate = { name: 'go-live', approvers: ['bob'], twoPersonRule: false, openedAt: iso(0), deadline: iso(60_000), clockStoppedAt: iso(5_000), context: { weights: null, step: null, lagSeconds: null, metrics: {} } };
    const screen = statusScreen({ id: ID, execution, status: status({ outcome: 'running', endedAt: null, openGate: gate }) }, options).join('\n');
    expect(screen).toContain('its timeout is held by the pause');
    expect(screen).not.toContain('decide by');
  });
});
