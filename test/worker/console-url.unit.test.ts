import { consoleBaseUrl, consoleLink, withConsoleLink } from '../../activities/console-link';
import type { Notification, NotificationKind } from '../../activities/providers';
import { WorkerConfigError } from '../../worker/config';
import { consoleUrl } from '../../worker/console-url';

const notification = (kind: NotificationKind): Notification => ({ kind, cutover: 'orders/eu 1', message: 'm', idempotencyKey: 'k' });

describe("the console's address on the worker", () => {
  it('is none unless --console-url or CUTOVER_CONSOLE_URL gives one, the flag first, without a trailing slash', () => {
    expect(consoleUrl(undefined, {})).toBeUndefined();
    expect(consoleUrl(undefined, { CUTOVER_CONSOLE_URL: 'https://cutover.example.com/' })).toBe('https://cutover.example.com');
    expect(consoleUrl('http://10.0.0.5:8080/ops/', { CUTOVER_CONSOLE_URL: 'https://cutover.example.com' })).toBe('http://10.0.0.5:8080/ops');
  });

  it('refuses what is not an http(s) address a cutover path can follow, without repeating a password', () => {
    expect(() => consoleUrl('cutover.example.com', {})).toThrow(new WorkerConfigError('--console-url cutover.example.com is not a URL: write the console\'s address, e.g. https://cutover.example.com'));
    expect(() => consoleUrl(undefined, { CUTOVER_CONSOLE_URL: 'ftp://files.example.com' })).toThrow('CUTOVER_CONSOLE_URL="ftp://files.example.com/" is ftp, not http or https');
    let withPassword = '';
    try {
      consoleUrl('https://ops:s3cr3t@cutover.example.com', {});
    } catch (error) {
      withPassword = (error as Error).message;
    }
    expect(withPassword).toContain('holds a user or password');
    expect(withPassword).not.toContain('s3cr3t');
    expect(() => consoleBaseUrl('https://cutover.example.com/?tab=gates', '--console-url')).toThrow('has a query or a fragment');
  });

  it('links to <console>/cutovers/<id>, the id encoded as one path segment', () => {
    expect(consoleLink('https://cutover.example.com', 'orders/eu 1')).toBe('https://cutover.example.com/cutovers/orders%2Feu%201');
  });

  it('links the notifications that ask a person to act: a gate open, a pause, a rollback and its escalation', () => {
    const base = 'https://cutover.example.com';
    const linked = (['gate-open', 'paused', 'rollback', 'rollback-escalation', 'completed', 'aborted', 'sample-gap', 'completion-escalation'] as const).filter(
      (kind) => withConsoleLink(notification(kind), base).link !== undefined,
    );
    expect(linked).toEqual(['gate-open', 'paused', 'rollback', 'rollback-escalation']);
    expect(withConsoleLink(notification('gate-open'), undefined)).toEqual(notification('gate-open'));
  });
});
