import { workerConfigFromEnv } from '../../worker/config';

describe('worker configuration from the environment', () => {
  it('defaults the DNS budget to Route 53\'s five calls per second', () => {
    expect(workerConfigFromEnv({})).toEqual({ dnsCallsPerSecond: 5 });
  });

  it('takes a smaller share of the budget from CUTOVER_DNS_CALLS_PER_SECOND', () => {
    expect(workerConfigFromEnv({ CUTOVER_DNS_CALLS_PER_SECOND: '2.5' }).dnsCallsPerSecond).toBe(2.5);
  });

  it('names the variable and what to write when the budget is not a positive number', () => {
    expect(() => workerConfigFromEnv({ CUTOVER_DNS_CALLS_PER_SECOND: 'fast' })).toThrow(
      'CUTOVER_DNS_CALLS_PER_SECOND="fast" is not a positive number: write e.g. CUTOVER_DNS_CALLS_PER_SECOND=5, or unset it for 5',
    );
    expect(() => workerConfigFromEnv({ CUTOVER_DNS_CALLS_PER_SECOND: '0' })).toThrow('is not a positive number');
  });
});
