/**
 * Microsoft.ServiceBus/namespaces: GET of a namespace, and GET of a queue
 * (`namespaces/{namespace}/queues/{queue}`) with its read-only countDetails, which is all the
 * drain reads. Queues are created and their counts set by the test (seeds), as messages arriving
 * and being handled would change them. A missing namespace is ParentResourceNotFound, a missing
 * queue NotFound in Service Bus's own wording.
 */
import { ArmError, type ArmReply, type ArmRequest } from './arm-http';
import { copy, type ArmState, type Scope } from './state';

export const SERVICE_BUS_API_VERSIONS = ['2021-11-01', '2022-10-01-preview'];

export interface QueueCounts {
  active?: number;
  scheduled?: number;
  deadLetter?: number;
  transfer?: number;
  transferDeadLetter?: number;
}

export interface NamespaceResource {
  id: string;
  name: string;
  type: 'Microsoft.ServiceBus/Namespaces';
  location: string;
  sku: { name: 'Standard'; tier: 'Standard' };
  properties: { provisioningState: 'Succeeded'; status: 'Active'; serviceBusEndpoint: string };
}

export interface QueueResource {
  id: string;
  name: string;
  type: 'Microsoft.ServiceBus/Namespaces/Queues';
  location: string;
  properties: {
    countDetails: {
      activeMessageCount: number;
      deadLetterMessageCount: number;
      scheduledMessageCount: number;
      transferMessageCount: number;
      transferDeadLetterMessageCount: number;
    };
    messageCount: number;
    sizeInBytes: number;
    status: 'Active';
    maxDeliveryCount: number;
    lockDuration: string;
  };
}

export function serviceBusBase(scope: Scope): string {
  return `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup}/providers/Microsoft.ServiceBus`;
}

export function newNamespace(scope: Scope, name: string): NamespaceResource {
  return {
    id: `${serviceBusBase(scope)}/namespaces/${name}`,
    name,
    type: 'Microsoft.ServiceBus/Namespaces',
    location: 'West Europe',
    sku: { name: 'Standard', tier: 'Standard' },
    properties: { provisioningState: 'Succeeded', status: 'Active', serviceBusEndpoint: `https://${name}.servicebus.windows.net:443/` },
  };
}

export function newQueue(namespace: NamespaceResource, name: string, counts: QueueCounts): QueueResource {
  const countDetails = {
    activeMessageCount: counts.active ?? 0,
    deadLetterMessageCount: counts.deadLetter ?? 0,
    scheduledMessageCount: counts.scheduled ?? 0,
    transferMessageCount: counts.transfer ?? 0,
    transferDeadLetterMessageCount: counts.transferDeadLetter ?? 0,
  };
  return {
    id: `${namespace.id}/queues/${name}`,
    name,
    type: 'Microsoft.ServiceBus/Namespaces/Queues',
    location: namespace.location,
    properties: {
      countDetails,
      messageCount: Object.values(countDetails).reduce((sum, n) => sum + n, 0),
      sizeInBytes: 0,
      status: 'Active',
      maxDeliveryCount: 10,
      lockDuration: 'PT1M',
    },
  };
}

export function serviceBus(state: ArmState, request: ArmRequest, scope: Scope): ArmReply {
  const [, namespaceName, child, queueName, ...rest] = request.segments;
  if (namespaceName === undefined || rest.length > 0 || (child !== undefined && (child.toLowerCase() !== 'queues' || queueName === undefined))) {
    throw new ArmError(404, 'InvalidResourceType', `The resource type could not be found in the namespace 'Microsoft.ServiceBus'.`);
  }
  if (request.method !== 'GET') throw new ArmError(405, 'MethodNotAllowed', `${request.method} is not modelled by this fake for Service Bus`);
  const namespace = state.namespace(scope, namespaceName);
  if (child === undefined) {
    if (!namespace) throw new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.ServiceBus/namespaces/${namespaceName}' under resource group '${scope.resourceGroup}' was not found.`);
    return { status: 200, body: copy(namespace) };
  }
  if (!namespace) {
    throw new ArmError(404, 'ParentResourceNotFound', `Can not perform requested operation on nested resource. Parent resource '${namespaceName}' not found.`);
  }
  const queue = state.queue(scope, namespace.name, queueName!);
  if (!queue) {
    throw new ArmError(
      404,
      'NotFound',
      `Entity '${namespace.name}:Queue:${queueName}' was not found. To know more visit https://aka.ms/sbResourceMgrExceptions. SystemTracker:${namespace.name}:Queue:${queueName}`,
    );
  }
  return { status: 200, body: copy(queue) };
}
