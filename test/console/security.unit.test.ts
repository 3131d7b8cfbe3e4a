import { hostIsLoopback, isLoopback } from '../../client/console/security';

describe('loopback hosts', () => {
  it.each(['127.0.0.1:8080', 'localhost:8080', 'LOCALHOST', '[::1]:8080', '127.0.0.1'])('takes %s as this machine', (host) => {
    expect(hostIsLoopback(host)).toBe(true);
  });

  it.each(['attacker.example', 'attacker.example:8080', '127.0.0.1.attacker.example', 'localhost.attacker.example:80', '[::2]:8080', '', undefined])('takes %s as somewhere else', (host) => {
    expect(hostIsLoopback(host)).toBe(false);
  });

  it('knows which listening addresses are loopback', () => {
    expect([isLoopback('127.0.0.1'), isLoopback('::1'), isLoopback('localhost'), isLoopback('0.0.0.0'), isLoopback('10.0.0.5')]).toEqual([true, true, true, false, false]);
  });
});
