import { workerConfig } from '../../worker/config';

const workerConfigFromEnv = (env: NodeJS.ProcessEnv) => workerConfig({}, env);

describe('worker configuration from flags and the environment', () => {
  it("defaults the DNS budget to Route 53's five calls per second and the cache to 1,000 cutovers", () => {
    expect(workerConfigFromEnv({})).toEqual({
      dnsCallsPerSecond: 5,
      maxCachedWorkflows: 1_000,
      workflowTaskSlots: 40,
      activityTaskSlots: 100,
      localActivitySlots: 200,
    });
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

  it('takes the cache and slot sizes from the environment', () => {
    const config = workerConfigFromEnv({
      CUTOVER_MAX_CACHED_WORKFLOWS: '2500',
      CUTOVER_WORKFLOW_TASK_SLOTS: '20',
      CUTOVER_ACTIVITY_TASK_SLOTS: '300',
      CUTOVER_LOCAL_ACTIVITY_SLOTS: '50',
    });
    expect(config).toMatchObject({ maxCachedWorkflows: 2_500, workflowTaskSlots: 20, activityTaskSlots: 300, localActivitySlots: 50 });
  });

  it('prefers a flag to the environment', () => {
    const config = workerConfig({ maxCachedWorkflows: '300', dnsCallsPerSecond: '2' }, { CUTOVER_MAX_CACHED_WORKFLOWS: '2500', CUTOVER_DNS_CALLS_PER_SECOND: '4' });
    expect(config).toMatchObject({ maxCachedWorkflows: 300, dnsCallsPerSecond: 2 });
  });

  it('refuses a cache or slot count that is not a whole number above 0, naming the setting and an example', () => {
    expect(() => workerConfigFromEnv({ CUTOVER_MAX_CACHED_WORKFLOWS: '1.5' })).toThrow(
      'CUTOVER_MAX_CACHED_WORKFLOWS="1.5" is not a whole number above 0: write e.g. CUTOVER_MAX_CACHED_WORKFLOWS=1000, or unset it for 1000',
    );
    expect(() => workerConfigFromEnv({ CUTOVER_WORKFLOW_TASK_SLOTS: '0' })).toThrow('CUTOVER_WORKFLOW_TASK_SLOTS="0" is not a whole number above 0');
    expect(() => workerConfig({ activityTaskSlots: 'many' }, {})).toThrow('--activity-task-slots many is not a whole number above 0: write e.g. --activity-task-slots 100');
    expect(() => workerConfig({ localActivitySlots: '-3' }, {})).toThrow('--local-activity-slots -3 is not a whole number above 0');
  });
});
