/**
 * Service Bus queue depth through ARM on the fake: the counts the runbook chooses make the depth,
 * a missing queue or namespace is refused naming the field to fix, and throttling or a server
 * error surfaces as retryable once the SDK's own retries are spent.
 */
import { azureProviders } from '../../../activities/azure';
import { checkQueues } from '../../../activities/preflight-checks';
import { queueActivities } from '../../../activities/queues';
import type { Providers, QueueProvider } from '../../../activities/providers';
import { servicebusDrain, type ServicebusDrain } from '../../../workflows/runbook/provider-sections';
import type { Runbook } from '../../../workflows/runbook/schema';
import { startFakeArm, type FakeArm } from '../../support/fake-arm';
import { staticCredential } from '../../support/fake-arm/credential';
import { failureOf, scope, TOKEN } from './fixtures';

const NAMESPACE = 'orders-green';
let arm: FakeArm;
let provider: QueueProvider;
let providers: Providers;

beforeEach(async () => {
  arm = await startFakeArm({ tokens: [TOKEN] });
  arm.seedNamespace({ ...scope, namespace: NAMESPACE });
  arm.seedQueue({ ...scope, namespace: NAMESPACE, name: 'orders' }, { active: 4, scheduled: 2, deadLetter: 7, transfer: 100 });
  arm.seedQueue({ ...scope, namespace: NAMESPACE, name: 'payments' });
  const azure = azureProviders({
    credential: staticCredential(TOKEN),
    clientOptions: { tlsOptions: { ca: arm.ca }, retryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 200 } },
  });
  provider = azure.queues.servicebus;
  providers = { dns: {}, replication: {}, queues: azure.queues, metrics: {}, hooks: {}, notifiers: {} };
});
afterEach(() => arm.close());

function drain(queues: Record<string, unknown>[], overrides: Record<string, unknown> = {}): ServicebusDrain {
  return servicebusDrain.parse({ provider: 'servicebus', timeout: '5m', ...scope, namespace: NAMESPACE, endpoint: arm.url, queues, ...overrides });
}

const depthOf = (section: ServicebusDrain) => provider.depth(section, section.queues[0]!);

describe('Service Bus queue depth', () => {
  it('counts active and scheduled messages by default, leaving dead letters and transfers out', async () => {
    expect(await depthOf(drain([{ name: 'orders' }]))).toBe(6);
  });

  it('counts exactly what the queue lists in count', async () => {
    expect(await depthOf(drain([{ name: 'orders', count: ['active', 'scheduled', 'deadLetter'] }]))).toBe(13);
    expect(await depthOf(drain([{ name: 'orders', count: ['deadLetter'] }]))).toBe(7);
    expect(await depthOf(drain([{ name: 'orders', count: ['active'] }]))).toBe(4);
  });

  it('reads a queue at the api-version the SDK speaks, with a bearer token', async () => {
    await depthOf(drain([{ name: 'payments' }]));
    const [request] = arm.requestsTo({ method: 'GET', path: '/queues/payments' });
    expect(request).toMatchObject({ apiVersion: '2021-11-01', bearer: true, status: 200 });
  });

  it('reads every queue of the drain through the activity, by name', async () => {
    const { readQueueDepths } = queueActivities(providers);
    const { depths } = await readQueueDepths({ drain: drain([{ name: 'orders', count: ['deadLetter'] }, { name: 'payments' }]) });
    expect(depths).toEqual({ orders: 7, payments: 0 });
  });
});

describe('Service Bus queues that do not exist', () => {
  it('refuses a missing queue in preflight, naming the queue and the fields to check, without retrying', async () => {
    const runbook = { drain: drain([{ name: 'orders' }, { name: 'refunds' }]), writes: { mode: 'frozen' } } as Runbook;
    const findings = await checkQueues(providers, runbook);
    expect(findings.checked).toEqual(['queue orders: 6 messages']);
    expect(findings.problems).toEqual([
      expect.stringMatching(/^queue refunds: Service Bus queue "refunds" in namespace orders-green in resource group "rg-cutover" was not found .*: check the queue name in drain\.queues and drain\.namespace$/),
    ]);
    expect(arm.requestsTo({ path: '/queues/refunds' })).toHaveLength(1);
  });

  it('names drain.namespace when the namespace is missing, and drain.resourceGroup when that is', async () => {
    const namespace = await failureOf(provider.check(drain([{ name: 'orders' }], { namespace: 'orders-gren' }), { name: 'orders', maxMessages: 0 }));
    expect(namespace).toMatchObject({ type: 'AzureNotFound', nonRetryable: true });
    expect(namespace.message).toMatch(/^Service Bus namespace "orders-gren" in resource group "rg-cutover" was not found .*: check drain\.namespace and drain\.resourceGroup$/);

    const group = await failureOf(provider.check(drain([{ name: 'orders' }], { resourceGroup: 'rg-typo' }), { name: 'orders', maxMessages: 0 }));
    expect(group.message).toMatch(/^resource group "rg-typo" .* was not found .*: check drain\.resourceGroup and drain\.subscriptionId$/);
  });
});

describe('Service Bus answers that may pass', () => {
  it('retries a 429 after its Retry-After inside the SDK, then reads the depth', async () => {
    arm.failNext({ method: 'GET', path: '/queues/orders' }, { status: 429, headers: { 'Retry-After': '1' } });
    expect(await depthOf(drain([{ name: 'orders' }]))).toBe(6);
    expect(arm.requestsTo({ path: '/queues/orders' }).map((request) => request.status)).toEqual([429, 200]);
  });

  it('surfaces throttling and server errors that outlast the SDK retries as retryable', async () => {
    arm.failNext({ method: 'GET', path: '/queues/orders' }, { status: 503, times: 10 });
    const unavailable = await failureOf(depthOf(drain([{ name: 'orders' }])));
    expect(unavailable).toMatchObject({ type: 'AzureUnavailable', nonRetryable: false });
    expect(unavailable.message).toContain('Service Bus queue "orders" in namespace orders-green: Azure answered 503');

    arm.failNext({ method: 'GET', path: '/queues/payments' }, { status: 429, code: 'TooManyRequests', headers: { 'Retry-After': '0' }, times: 10 });
    const throttled = await failureOf(depthOf(drain([{ name: 'payments' }])));
    expect(throttled).toMatchObject({ type: 'AzureUnavailable', nonRetryable: false });
  });

  it('refuses without retrying when the identity may not read the queue, naming the role action', async () => {
    arm.failNext({ method: 'GET', path: '/queues/orders' }, { status: 403 });
    const forbidden = await failureOf(depthOf(drain([{ name: 'orders' }])));
    expect(forbidden).toMatchObject({ type: 'AzureForbidden', nonRetryable: true });
    expect(forbidden.message).toContain('Grant the worker\'s identity Microsoft.ServiceBus/namespaces/queues/read on it');
  });
});
