/**
 * An Azure world for the provider tests: the fake ARM seeded with a zone, a weighted Traffic
 * Manager profile (blue all traffic, green disabled) and the record set pointing at the profile;
 * the real SDK clients pointed at it through the runbook's `dns.endpoint`, trusting its certificate.
 */
import type { ApplicationFailure } from '@temporalio/common';
import { azureProviders } from '../../../activities/azure';
import { failure } from '../../support/failure';
import type { DnsProvider } from '../../../activities/providers';
import { azureDns, type AzureDns } from '../../../workflows/runbook/provider-sections';
import { staticCredential, type StaticCredential } from '../../support/fake-arm/credential';
import { startFakeArm, type FakeArm, type RecordSetRef, type EndpointRef } from '../../support/fake-arm';

export const TOKEN = 'eyJ0eXAiOiJKV1QifQ.fake-arm-test-token.c2VjcmV0LXNpZ25hdHVyZQ';

export const scope = { subscriptionId: '6f1c2a3b-0000-4000-8000-00000000c0de', resourceGroup: 'rg-cutover' };
export const ZONE = 'example.com';
export const PROFILE = 'tm-orders';
export const PROFILE_FQDN = 'orders-cutover.trafficmanager.net';
export const BLUE = 'orders-aws';
export const GREEN = 'orders-azure';

export const recordRef = (type: 'CNAME' | 'A' = 'CNAME'): RecordSetRef => ({ ...scope, zone: ZONE, type, name: 'orders' });
export const endpointRef = (name: string): EndpointRef => ({ ...scope, profile: PROFILE, name });
export const profileId = () => `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup}/providers/Microsoft.Network/trafficManagerProfiles/${PROFILE}`;

export interface AzureWorld {
  arm: FakeArm;
  provider: DnsProvider;
  credential: StaticCredential;
  /** The runbook's dns section, parsed as the client parses it. */
  dns: (overrides?: Record<string, unknown>) => AzureDns;
  close: () => Promise<void>;
}

export interface WorldOptions {
  recordType?: 'CNAME' | 'A';
}

export async function azureWorld(options: WorldOptions = {}): Promise<AzureWorld> {
  const recordType = options.recordType ?? 'CNAME';
  const arm = await startFakeArm({ tokens: [TOKEN] });
  arm.seedZone({ ...scope, zone: ZONE });
  arm.seedProfile({
    ...scope,
    name: PROFILE,
    relativeName: 'orders-cutover',
    endpoints: [
      { name: BLUE, target: 'orders.aws.example.net', weight: 1000 },
      { name: GREEN, target: 'orders.azure.example.net', weight: 1, status: 'Disabled' },
    ],
  });
  if (recordType === 'CNAME') arm.seedRecordSet(recordRef('CNAME'), { ttl: 300, cname: PROFILE_FQDN });
  else arm.seedRecordSet(recordRef('A'), { ttl: 300, targetResourceId: profileId() });

  const credential = staticCredential(TOKEN);
  const provider = azureProviders({
    credential,
    // Short backoff so a test of 5xx retries takes milliseconds; Retry-After is still honoured.
    clientOptions: { tlsOptions: { ca: arm.ca }, retryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 200 } },
  }).dns.azure;
  const dns = (overrides: Record<string, unknown> = {}) =>
    azureDns.parse({
      provider: 'azure',
      record: 'orders.example.com',
      ttl: '5m',
      subscriptionId: scope.subscriptionId,
      resourceGroup: scope.resourceGroup,
      zone: ZONE,
      recordType,
      trafficManagerProfile: PROFILE,
      blue: BLUE,
      green: GREEN,
      endpoint: arm.url,
      ...overrides,
    });
  return { arm, provider, credential, dns, close: () => arm.close() };
}

/** The failure `promise` rejects with, checked to be an ApplicationFailure that carries no token. */
export async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await failure(promise);
  expect(error.message).not.toContain(TOKEN);
  expect(JSON.stringify(error.details ?? null)).not.toContain(TOKEN);
  return error;
}

export function endpointWeights(arm: FakeArm): Record<'blue' | 'green', { weight: number; status: string }> {
  const read = (name: string) => {
    const endpoint = arm.trafficEndpoint(endpointRef(name))!;
    return { weight: endpoint.properties.weight, status: endpoint.properties.endpointStatus };
  };
  return { blue: read(BLUE), green: read(GREEN) };
}
