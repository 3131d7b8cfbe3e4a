/**
 * The Traffic Manager side: the profile `dns.trafficManagerProfile` (weighted routing) and its
 * endpoints `dns.blue` / `dns.green` of type `dns.endpointType`.
 *
 * Traffic Manager has no etags: its profiles and endpoints carry none, and the SDK offers no
 * If-Match for them, so a write cannot be made conditional on what was read. Two things limit the
 * harm instead: an endpoint is written with PATCH naming only its weight and status (its target and
 * everything else stay as they are), and isInSync reads both endpoints back, so a concurrent
 * change to the weights reads as "not in sync" rather than passing unnoticed.
 */
import type { Endpoint, Profile } from '@azure/arm-trafficmanager';
import type { Color } from '../providers';
import type { AzureClients } from './clients';
import { azureCall, type AzureResource } from './failures';
import { misconfigured, type AzureDns } from './section';
import { endpointWeight, type EndpointState } from './weights';

export function profileResource(section: AzureDns): AzureResource {
  return {
    what: `Traffic Manager profile "${section.trafficManagerProfile}"`,
    fields: 'dns.trafficManagerProfile and dns.resourceGroup',
    type: 'Microsoft.Network/trafficManagerProfiles',
    section,
  };
}

function endpointResource(section: AzureDns, side: Color): AzureResource {
  const rbacType = section.endpointType.charAt(0).toLowerCase() + section.endpointType.slice(1);
  return {
    what: `Traffic Manager endpoint "${section[side]}" (${side}, ${section.endpointType}) of profile "${section.trafficManagerProfile}"`,
    fields: `dns.${side} and dns.endpointType`,
    type: `Microsoft.Network/trafficManagerProfiles/${rbacType}`,
    section,
  };
}

export function readProfile(azure: AzureClients, section: AzureDns): Promise<Profile> {
  return azureCall(profileResource(section), 'read', () => azure.trafficManager.profiles.get(section.resourceGroup, section.trafficManagerProfile));
}

/**
 * Weights only split traffic between blue and green in a weighted profile that is answering
 * queries and has no other endpoint enabled: a third one would take a share the weights miss.
 */
export function checkWeightedProfile(profile: Profile, section: AzureDns): void {
  const name = `Traffic Manager profile "${section.trafficManagerProfile}"`;
  if (profile.trafficRoutingMethod !== 'Weighted') {
    throw misconfigured(`${name} routes by ${profile.trafficRoutingMethod ?? 'an unknown method'}, not Weighted, so endpoint weights would not split traffic: set its routing method to Weighted`);
  }
  if (profile.profileStatus === 'Disabled') throw misconfigured(`${name} is disabled and answers no queries: enable it before the cutover`);
  const others = (profile.endpoints ?? []).filter((endpoint) => endpoint.endpointStatus !== 'Disabled' && !isBlueOrGreen(endpoint, section));
  if (others.length > 0) {
    const names = others.map((endpoint) => `"${endpoint.name}"`).join(', ');
    throw misconfigured(`${name} has other enabled endpoints (${names}) that take a share of traffic besides blue and green: disable them, or name the right endpoints in dns.blue and dns.green`);
  }
}

/** Endpoints embedded in a profile carry their type as Microsoft.Network/trafficManagerProfiles/externalEndpoints. */
function isBlueOrGreen(endpoint: Endpoint, section: AzureDns): boolean {
  const ofType = endpoint.type?.toLowerCase().endsWith(`/${section.endpointType.toLowerCase()}`) ?? false;
  const named = [section.blue, section.green].some((side) => side.toLowerCase() === endpoint.name?.toLowerCase());
  return ofType && named;
}

/** The profile's own DNS name, which a record set points at to send its traffic through the profile. */
export function profileFqdn(profile: Profile, section: AzureDns): string {
  const fqdn = profile.dnsConfig?.fqdn;
  if (!fqdn) throw misconfigured(`Traffic Manager profile "${section.trafficManagerProfile}" reports no dnsConfig.fqdn to point dns.record at`);
  return fqdn;
}

export async function readEndpoint(azure: AzureClients, section: AzureDns, side: Color): Promise<EndpointState> {
  const endpoint = await azureCall(endpointResource(section, side), 'read', () =>
    azure.trafficManager.endpoints.get(section.resourceGroup, section.trafficManagerProfile, section.endpointType, section[side]),
  );
  // Traffic Manager treats a weight left unset as 1.
  return { enabled: endpoint.endpointStatus !== 'Disabled', weight: endpoint.weight ?? 1 };
}

/** p > 0: enabled with weight round(p × 10); 0: disabled, its weight left as it is. */
export async function writeEndpoint(azure: AzureClients, section: AzureDns, side: Color, percent: number): Promise<void> {
  const change: Endpoint = percent === 0 ? { endpointStatus: 'Disabled' } : { endpointStatus: 'Enabled', weight: endpointWeight(percent) };
  await azureCall(endpointResource(section, side), 'write', () =>
    azure.trafficManager.endpoints.update(section.resourceGroup, section.trafficManagerProfile, section.endpointType, section[side], change),
  );
}
