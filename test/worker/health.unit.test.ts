import { WorkerConfigError } from '../../worker/config';
import { Readiness, type PollerView } from '../../worker/health/readiness';
import { metricsPort } from '../../worker/health/settings';

const idle: PollerView = { runState: 'RUNNING', hasOutstandingWorkflowPoll: false, hasOutstandingActivityPoll: false, numInFlightActivities: 0, numInFlightWorkflowActivations: 0 };
const polling: PollerView = { ...idle, hasOutstandingWorkflowPoll: true };

describe("the worker's readiness", () => {
  it('is not ready while the worker is being created', () => {
    expect(new Readiness().check(null)).toEqual({ ready: false, queues: [] });
  });

  it('is ready once every task queue is running and polled, and stays so while a worker is busy with what it polled', () => {
    const readiness = new Readiness();
    expect(readiness.check([{ taskQueue: 'q', status: polling }, { taskQueue: 'q-dns', status: idle }]).ready).toBe(false);
    expect(readiness.check([{ taskQueue: 'q', status: idle }, { taskQueue: 'q-dns', status: { ...idle, numInFlightActivities: 1 } }]).ready).toBe(true);
    expect(readiness.check([{ taskQueue: 'q', status: idle }, { taskQueue: 'q-dns', status: idle }]).ready).toBe(true);
  });

  it('is not ready once a worker stops or fails', () => {
    const readiness = new Readiness();
    readiness.check([{ taskQueue: 'q', status: polling }]);
    expect(readiness.check([{ taskQueue: 'q', status: { ...idle, runState: 'STOPPING' } }])).toEqual({ ready: false, queues: [{ taskQueue: 'q', state: 'STOPPING', polled: true }] });
    expect(readiness.check([{ taskQueue: 'q', status: { ...idle, runState: 'FAILED' } }]).ready).toBe(false);
  });
});

describe('the metrics port', () => {
  it('is off unless the flag or CUTOVER_METRICS_PORT gives one, the flag first', () => {
    expect(metricsPort(undefined, {})).toBeUndefined();
    expect(metricsPort(undefined, { CUTOVER_METRICS_PORT: ' ' })).toBeUndefined();
    expect(metricsPort(undefined, { CUTOVER_METRICS_PORT: '9464' })).toBe(9464);
    expect(metricsPort('9100', { CUTOVER_METRICS_PORT: '9464' })).toBe(9100);
  });

  it('names the flag or the variable and what to write when it is not a port', () => {
    expect(() => metricsPort('http', {})).toThrow(new WorkerConfigError('--metrics-port http is not a port (a whole number from 1 to 65535): write e.g. --metrics-port 9464'));
    expect(() => metricsPort(undefined, { CUTOVER_METRICS_PORT: '70000' })).toThrow(
      'CUTOVER_METRICS_PORT="70000" is not a port (a whole number from 1 to 65535): write e.g. CUTOVER_METRICS_PORT=9464, or unset it to serve no metrics',
    );
  });
});
