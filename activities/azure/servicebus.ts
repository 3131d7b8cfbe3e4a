/**
 * Queues on Azure Service Bus (`drain.provider: servicebus`), read through Azure Resource Manager
 * (Queues.get) rather than the messaging endpoint: the worker needs only a read role on the
 * namespace, never a connection string. A queue's depth is the sum of the countDetails the runbook
 * chose for it (`count`, active and scheduled by default; deadLetter when dead letters must be
 * handled before blue takes writes again).
 */
import type { SBQueue } from '@azure/arm-servicebus';
import { ApplicationFailure } from '@temporalio/common';
import type { ServicebusDrain } from '../../workflows/runbook/provider-sections';
import type { DrainConfig, QueueConfig, QueueProvider } from '../providers';
import type { AzureClients, AzureTarget } from './clients';
import { azureCall, type AzureResource } from './failures';

type ServicebusQueue = ServicebusDrain['queues'][number];
type Count = ServicebusQueue['count'][number];

const COUNT_FIELDS: Record<Count, 'activeMessageCount' | 'scheduledMessageCount' | 'deadLetterMessageCount'> = {
  active: 'activeMessageCount',
  scheduled: 'scheduledMessageCount',
  deadLetter: 'deadLetterMessageCount',
};

function asServicebus(drain: DrainConfig): ServicebusDrain {
  if (drain.provider !== 'servicebus') throw ApplicationFailure.nonRetryable(`drain.provider is "${drain.provider}", not servicebus`, 'UnknownProvider');
  return drain;
}

/** The counts that make this queue's depth: the schema gives every servicebus queue its `count`. */
function countsOf(queue: QueueConfig): readonly Count[] {
  if (!('count' in queue)) throw ApplicationFailure.nonRetryable(`queue ${queue.name} has no count list: is it a servicebus queue?`, 'UnknownProvider');
  return queue.count;
}

function queueResource(drain: ServicebusDrain, queue: string): AzureResource {
  return {
    what: `Service Bus queue "${queue}" in namespace ${drain.namespace}`,
    fields: 'the queue name in drain.queues and drain.namespace',
    type: 'Microsoft.ServiceBus/namespaces/queues',
    parent: { what: `Service Bus namespace "${drain.namespace}"`, fields: 'drain.namespace and drain.resourceGroup' },
    section: drain,
    sectionName: 'drain',
  };
}

export function servicebusQueues(clientsFor: (target: AzureTarget) => AzureClients): QueueProvider {
  const read = (drain: ServicebusDrain, queue: string): Promise<SBQueue> =>
    azureCall(queueResource(drain, queue), 'read', () => clientsFor(drain).serviceBus.queues.get(drain.resourceGroup, drain.namespace, queue));

  return {
    async check(config, queue) {
      const drain = asServicebus(config);
      await read(drain, queue.name);
    },

    async depth(config, queue) {
      const drain = asServicebus(config);
      const { name } = queue;
      const details = (await read(drain, name)).countDetails;
      return countsOf(queue).reduce((sum, which) => {
        const value = details?.[COUNT_FIELDS[which]];
        // A count left out would read as an empty queue and let the drain pass too early.
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          throw ApplicationFailure.retryable(`Service Bus queue "${name}" in namespace ${drain.namespace} came back without countDetails.${COUNT_FIELDS[which]}`, 'AzureUnavailable');
        }
        return sum + value;
      }, 0);
    },
  };
}
