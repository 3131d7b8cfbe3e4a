/**
 * Neither Traffic Manager nor Azure DNS hands back a change id to poll (their writes are applied
 * when ARM answers), so the id says what was written, and isInSync reads the resources back and
 * compares. Being derived from the request alone, it survives a worker restart and a retried write.
 */
import type { Weights } from '../providers';

export type AzureChange = { kind: 'weights'; weights: Weights } | { kind: 'ttl'; seconds: number };

const WEIGHTS = /^azure:weights:blue=(\d{1,3}),green=(\d{1,3})$/;
const TTL = /^azure:ttl:(\d+)s$/;

export function changeIdOf(change: AzureChange): string {
  return change.kind === 'weights' ? `azure:weights:blue=${change.weights.blue},green=${change.weights.green}` : `azure:ttl:${change.seconds}s`;
}

export function parseChangeId(changeId: string): AzureChange | undefined {
  const weights = WEIGHTS.exec(changeId);
  if (weights) return { kind: 'weights', weights: { blue: Number(weights[1]), green: Number(weights[2]) } };
  const ttl = TTL.exec(changeId);
  if (ttl) return { kind: 'ttl', seconds: Number(ttl[1]) };
  return undefined;
}
