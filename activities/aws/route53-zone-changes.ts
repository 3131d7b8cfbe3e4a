/**
 * One change in flight per hosted zone, across every cutover the worker process runs: Route 53
 * answers PriorRequestNotComplete to a change sent while an earlier one to the zone is PENDING, and a
 * wave puts many applications' records in one zone.
 *
 * The zone is held only while a writer makes its change, not until the change is INSYNC: the wait
 * for sync is its own activity, and a lock held across activities would outlive a worker that died
 * between them. Instead the process remembers each zone's last change id, and the next writer to
 * the zone first waits (GetChange, through the budget) until that change is INSYNC. Another process
 * writing to the zone is not seen here: its PriorRequestNotComplete is retried as throttling.
 */
import { GetChangeCommand, type Route53Client } from '@aws-sdk/client-route-53';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Route53Dns } from '../../workflows/runbook/provider-sections';
import { currentTurn } from './route53-budget';
import { KeyedLock } from './zone-lock';

/** Route 53 documents changes as propagated within 60 s; a change older than this is not waited on. */
const PRIOR_CHANGE_PATIENCE_MS = 120_000;
const PRIOR_CHANGE_POLL_MS = 1_000;
/** Left for the write itself when a try's time runs out while waiting for the zone. */
const WRITE_MARGIN_MS = 2_000;

const zones = new KeyedLock();
const lastChange = new Map<string, { changeId: string; at: number }>();

function zoneKey(dns: Route53Dns): string {
  return JSON.stringify([dns.endpoint ?? null, dns.hostedZoneId.replace(/^\/?hostedzone\//, '')]);
}

/** When the activity's current try times out, less the margin; undefined outside an activity. */
function tryDeadline(): number | undefined {
  let info;
  try {
    info = Context.current().info;
  } catch {
    return undefined;
  }
  if (!info.startToCloseTimeoutMs) return undefined;
  return info.currentAttemptScheduledTimestampMs + info.startToCloseTimeoutMs - WRITE_MARGIN_MS;
}

async function isInSync(client: Route53Client, changeId: string): Promise<boolean> {
  try {
    const answer = await client.send(new GetChangeCommand({ Id: changeId }));
    return answer.ChangeInfo?.Status === 'INSYNC';
  } catch (error) {
    // A change Route 53 no longer knows is not in flight; any other error is asked again.
    return (error as { name?: string }).name === 'NoSuchChange';
  }
}

async function priorChangeInSync(client: Route53Client, key: string, what: string, deadline: number | undefined): Promise<void> {
  for (;;) {
    const prior = lastChange.get(key);
    if (!prior || Date.now() - prior.at > PRIOR_CHANGE_PATIENCE_MS || (await isInSync(client, prior.changeId))) {
      lastChange.delete(key);
      return;
    }
    if (deadline !== undefined && Date.now() + PRIOR_CHANGE_POLL_MS > deadline) {
      throw ApplicationFailure.retryable(`${what} still had change ${prior.changeId} in flight when this try's time ran out`, 'DnsZoneBusy');
    }
    await new Promise((resolve) => setTimeout(resolve, PRIOR_CHANGE_POLL_MS));
  }
}

/** Told when a cutover saw its own change INSYNC, so the next writer to the zone need not ask again. */
export function sawInSync(dns: Route53Dns, changeId: string): void {
  const key = zoneKey(dns);
  if (lastChange.get(key)?.changeId === changeId) lastChange.delete(key);
}

/** Makes `write` the zone's only change in flight from this process; `what` names the zone in errors. */
export async function oneChangeInZone(client: Route53Client, dns: Route53Dns, what: string, write: () => Promise<{ changeId: string }>): Promise<{ changeId: string }> {
  const key = zoneKey(dns);
  const deadline = tryDeadline();
  return zones.hold(key, what, currentTurn(), deadline, async () => {
    await priorChangeInSync(client, key, what, deadline);
    const change = await write();
    lastChange.set(key, { changeId: change.changeId, at: Date.now() });
    return change;
  });
}
