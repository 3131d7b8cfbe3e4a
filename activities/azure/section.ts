/**
 * The runbook's dns section for `provider: azure`, checked for what the schema alone cannot see:
 * the record lies inside the zone, and a final record matches the record type.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { AzureDns } from '../../workflows/runbook/provider-sections';
import type { DnsConfig } from '../providers';

export type { AzureDns };

export const misconfigured = (message: string) => ApplicationFailure.nonRetryable(message, 'AzureMisconfigured');

export function azureSection(dns: DnsConfig): AzureDns {
  if (dns.provider !== 'azure') throw misconfigured(`dns.provider is "${dns.provider}", so the Azure DNS provider cannot serve it`);
  const { finalRecord, recordType } = dns;
  if (finalRecord && 'cname' in finalRecord && recordType !== 'CNAME') {
    throw misconfigured(`dns.finalRecord names a CNAME target but dns.recordType is ${recordType}: write finalRecord: { a: [...] }, or recordType: CNAME`);
  }
  if (finalRecord && 'a' in finalRecord && recordType !== 'A') {
    throw misconfigured(`dns.finalRecord lists A addresses but dns.recordType is ${recordType}: write finalRecord: { cname: ... }, or recordType: A`);
  }
  relativeRecordName(dns);
  return dns;
}

const withoutDot = (name: string) => name.replace(/\.$/, '');

/** The record set's name inside the zone: orders.example.com in example.com is "orders"; the apex is "@". */
export function relativeRecordName(section: AzureDns): string {
  const record = withoutDot(section.record);
  const zone = withoutDot(section.zone);
  if (record.toLowerCase() === zone.toLowerCase()) return '@';
  if (!record.toLowerCase().endsWith(`.${zone.toLowerCase()}`)) {
    throw misconfigured(`dns.record "${section.record}" is not inside dns.zone "${section.zone}": write the zone that holds the record (for orders.example.com, example.com)`);
  }
  return record.slice(0, record.length - zone.length - 1);
}

/** Domain names compare without case or a final dot. */
export const sameName = (a: string, b: string) => withoutDot(a).toLowerCase() === withoutDot(b).toLowerCase();
