/**
 * Azure's errors as the activities' typed failures. What no retry fixes fails at once and says
 * which runbook field or permission to look at: a missing resource (404), a refused or forbidden
 * identity (401/403), a rejected request (other 4xx), and an etag that no longer matches (412,
 * another writer got there first). Throttling (429), server errors and lost connections are
 * retryable: the SDK has already retried them itself by the time they reach us.
 *
 * Every message is scrubbed: a server that echoes a header must not put a token in history.
 */
import { AuthenticationError, CredentialUnavailableError } from '@azure/identity';
import { ApplicationFailure } from '@temporalio/common';
import { errorMessage, scrub } from '../errors';

export interface AzureResource {
  /** How messages name it: Traffic Manager profile "tm-orders". */
  what: string;
  /** The runbook fields that locate it, for a not-found. */
  fields: string;
  /** Its resource type, for the RBAC action a 403 is missing (…/read, …/write). */
  type: string;
  /** The resource it lives in, when ARM can say that one is missing instead (a record set's zone). */
  parent?: { what: string; fields: string };
  /** Where it lives, as the runbook section names it. */
  section: { subscriptionId: string; resourceGroup: string };
  /** That section's name, for the fields a missing subscription or resource group points at (dns when absent). */
  sectionName?: 'dns' | 'drain';
}

export type Access = 'read' | 'write';

/** Runs one SDK call, turning what it throws into a typed failure. */
export async function azureCall<T>(resource: AzureResource, access: Access, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw azureFailure(resource, access, error);
  }
}

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message: string;
}

/** RestError from @azure/core-rest-pipeline, recognised by its shape to avoid depending on that package. */
function restError(error: unknown): RestErrorLike | undefined {
  return error instanceof Error && error.name === 'RestError' ? (error as RestErrorLike) : undefined;
}

export function azureFailure(resource: AzureResource, access: Access, error: unknown): ApplicationFailure {
  if (error instanceof ApplicationFailure) return error;
  if (error instanceof CredentialUnavailableError || error instanceof AuthenticationError) {
    return ApplicationFailure.nonRetryable(
      `no usable Azure credential to reach ${resource.what}: ${errorMessage(error)}. Give the worker an identity DefaultAzureCredential finds (AZURE_* environment variables, workload or managed identity, az login)`,
      'AzureCredential',
    );
  }
  const rest = restError(error);
  if (!rest) return ApplicationFailure.retryable(`${resource.what}: ${errorMessage(error)}`, 'AzureUnavailable');
  const status = rest.statusCode;
  const answered = `Azure answered ${status ?? 'nothing'}${rest.code ? ` ${rest.code}` : ''}: ${scrub(rest.message)}`;

  if (status === 404) return notFound(resource, rest.code, answered);
  if (status === 412) {
    return ApplicationFailure.nonRetryable(
      `${resource.what} changed since it was read (its etag no longer matches), so nothing was overwritten: someone or something else edited it. Look at what changed, then run the step again`,
      'ConcurrentEdit',
    );
  }
  if (status === 401) {
    return ApplicationFailure.nonRetryable(`${resource.what}: ${answered}. Check the worker's Azure identity and its tenant`, 'AzureCredential');
  }
  if (status === 403) {
    return ApplicationFailure.nonRetryable(
      `${resource.what}: ${answered}. Grant the worker's identity ${resource.type}/${access} on it (see the README for the least-privilege role)`,
      'AzureForbidden',
    );
  }
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 409 && status !== 429) {
    return ApplicationFailure.nonRetryable(`${resource.what}: ${answered}`, 'AzureRejected');
  }
  return ApplicationFailure.retryable(`${resource.what}: ${answered}`, 'AzureUnavailable');
}

function notFound(resource: AzureResource, code: string | undefined, answered: string): ApplicationFailure {
  const { section, sectionName = 'dns' } = resource;
  const missing = (what: string, fields: string) => ApplicationFailure.nonRetryable(`${what} was not found (${answered}): check ${fields}`, 'AzureNotFound');
  if (code === 'SubscriptionNotFound') return missing(`subscription "${section.subscriptionId}"`, `${sectionName}.subscriptionId`);
  if (code === 'ResourceGroupNotFound') {
    return missing(`resource group "${section.resourceGroup}" in subscription "${section.subscriptionId}"`, `${sectionName}.resourceGroup and ${sectionName}.subscriptionId`);
  }
  if (code === 'ParentResourceNotFound' && resource.parent) {
    return missing(`${resource.parent.what} in resource group "${section.resourceGroup}"`, resource.parent.fields);
  }
  return missing(`${resource.what} in resource group "${section.resourceGroup}"`, resource.fields);
}
