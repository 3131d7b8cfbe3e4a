/**
 * A weighted DNS record per runbook `dns.record` (blue and green weights, a TTL) whose changes take
 * `syncDelayMs` to read as in sync, like a Route 53 change going from PENDING to INSYNC.
 */
import type { DnsConfig, DnsProvider, Weights } from '../providers';
import type { CloudCore } from './core';
import type { CloudState, DnsRecordState } from './state';

export const DEFAULT_TTL_MS = 60_000;
export const DEFAULT_SYNC_DELAY_MS = 300;

export interface DnsRecordSpec {
  weights?: Weights;
  ttlMs?: number;
  syncDelayMs?: number;
}

export function dnsRecord(spec: DnsRecordSpec = {}): DnsRecordState {
  const weights = spec.weights ?? { blue: 100, green: 0 };
  checkWeights(weights);
  return { weights: { ...weights }, ttlMs: spec.ttlMs ?? DEFAULT_TTL_MS, syncDelayMs: spec.syncDelayMs ?? DEFAULT_SYNC_DELAY_MS };
}

/** Throws unless both weights are whole percents that add up to 100. */
export function checkWeights(weights: Weights): void {
  const valid = [weights.blue, weights.green].every((w) => Number.isInteger(w) && w >= 0 && w <= 100);
  if (!valid || weights.blue + weights.green !== 100) {
    throw new Error(`weights must be whole numbers 0–100 adding up to 100, got blue ${weights.blue} / green ${weights.green}`);
  }
}

export function recordOf(state: CloudState, record: string): DnsRecordState {
  const found = state.dns[record];
  if (!found) throw new Error(`dns record "${record}" does not exist in the simulated cloud`);
  return found;
}

function startChange(state: CloudState, record: string, at: number): string {
  const { syncDelayMs } = recordOf(state, record);
  const changeId = `sim-change-${state.nextChange++}`;
  state.changes[changeId] = { record, syncedAt: at + syncDelayMs };
  return changeId;
}

export function simulatedDns(core: CloudCore): DnsProvider {
  return {
    async readWeights(dns: DnsConfig) {
      return core.call({ op: 'dns.readWeights', args: { record: dns.record } }, (state) => ({ ...recordOf(state, dns.record).weights }));
    },
    async setWeights(dns: DnsConfig, weights: Weights) {
      return core.call({ op: 'dns.setWeights', args: { record: dns.record, weights } }, (state, at) => {
        checkWeights(weights);
        const changeId = startChange(state, dns.record, at);
        recordOf(state, dns.record).weights = { blue: weights.blue, green: weights.green };
        return { changeId };
      });
    },
    async isInSync(dns: DnsConfig, changeId: string) {
      return core.call({ op: 'dns.isInSync', args: { record: dns.record, changeId } }, (state, at) => {
        const change = state.changes[changeId];
        if (!change || change.record !== dns.record) throw new Error(`dns change "${changeId}" is unknown for record "${dns.record}"`);
        return at >= change.syncedAt;
      });
    },
    async readTtl(dns: DnsConfig) {
      return core.call({ op: 'dns.readTtl', args: { record: dns.record } }, (state) => recordOf(state, dns.record).ttlMs);
    },
    async setTtl(dns: DnsConfig, ttlMs: number) {
      return core.call({ op: 'dns.setTtl', args: { record: dns.record, ttlMs } }, (state, at) => {
        if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new Error(`a TTL must be a positive whole number of milliseconds, got ${ttlMs}`);
        const changeId = startChange(state, dns.record, at);
        recordOf(state, dns.record).ttlMs = ttlMs;
        return { changeId };
      });
    },
  };
}
