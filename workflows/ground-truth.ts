/**
 * Ground truth during the run: while a cutover holds its DNS record it reads the record's weights,
 * every `driftReadEveryMs` (at least once per bake) and before each change, through the DNS lane and
 * its budget. A read that differs from what the run expects (drift: a person or another tool moved
 * the weights) pauses the run, is recorded with both weight sets and notified. The run never fights
 * a person by writing over them: it makes no DNS write while drifted. A person's resume accepts the
 * weights read: the run carries on from them, and reads the record again before its next change.
 * The rollback, which always writes 100% blue, still runs on a breach or an abort.
 */
import { isCancellation, patched, sleep } from '@temporalio/workflow';
import type { Activities } from './activities';
import { driftOf, driftReadEveryMs, driftText } from './decisions/drift';
import { sameWeights, type Weights } from './decisions/traffic';
import { failureMessage } from './failure';
import type { Notify } from './notify';
import { patiently } from './retry';
import { formatDuration } from './runbook/duration';
import { nowIso, type CutoverRun } from './run';

/** Who pauses a run whose record drifted. */
export const DRIFT_PAUSER = 'dns-drift';

export class GroundTruth {
  private started = false;
  /** Failed reads in a row during the run: the first is recorded, and the recovery. */
  private failedReads = 0;

  constructor(
    private readonly run: CutoverRun,
    private readonly activities: Activities,
    private readonly notify: Notify,
  ) {}

  /** Starts the reads during the run once; later calls do nothing. */
  start(): void {
    if (this.started || !patched('dns-ground-truth')) return;
    this.started = true;
    void this.loop();
  }

  private holdsRecord(): boolean {
    return this.run.stop === null && this.run.outcome === 'running' && !this.run.signedOff;
  }

  private async loop(): Promise<void> {
    const every = driftReadEveryMs(this.run.runbook);
    try {
      while (this.holdsRecord()) {
        await sleep(every);
        if (this.holdsRecord()) await this.readDuringRun();
      }
    } catch (err) {
      if (isCancellation(err)) return;
      throw err;
    }
  }

  private async readDuringRun(): Promise<void> {
    const { ground, runbook } = this.run;
    if (ground.writing) return;
    const changes = ground.changes;
    let read: Weights;
    try {
      read = await this.activities.readDnsWeights({ dns: runbook.dns });
    } catch (err) {
      if (isCancellation(err)) throw err;
      this.failedReads += 1;
      if (this.failedReads === 1) {
        this.run.record('retry', `reading the weights of ${runbook.dns.record} failed; read again in ${formatDuration(driftReadEveryMs(runbook))} and before the next change: ${failureMessage(err)}`, {
          data: { operation: 'readDnsWeights', attempts: 1, lastError: failureMessage(err) },
        });
      }
      return;
    }
    if (this.failedReads > 0) this.run.record('retry', `reading the weights of ${runbook.dns.record}: succeeded after ${this.failedReads} failed read(s)`, { data: { operation: 'readDnsWeights', attempts: this.failedReads, recovered: true } });
    this.failedReads = 0;
    // A write overlapped the read: it may show either side of the write, so it proves nothing.
    if (ground.writing || ground.changes !== changes || !this.holdsRecord()) return;
    await this.observe(read);
  }

  /**
   * Reads the record before a change, trying again inside the step's `dns.syncTimeout`. True when
   * it reads as expected; false when it drifted (the run is then paused, and writes nothing).
   */
  async readBeforeChange(label: string): Promise<boolean> {
    if (!patched('dns-ground-truth')) return true;
    const { dns } = this.run.runbook;
    const patience = {
      operation: 'readDnsWeights',
      doing: `${label}: reading the weights of ${dns.record} before changing them`,
      limit: `the ${formatDuration(dns.syncTimeout)} dns.syncTimeout of ${label}`,
      deadline: Date.now() + dns.syncTimeout,
    } as const;
    const read = await patiently(this.run, patience, (leftMs) => this.activities.tries.readDnsWeights({ dns }, leftMs));
    await this.observe(read);
    return this.run.ground.drift === null;
  }

  /** Keeps the read; a new drift pauses the run (unless already paused), is recorded and notified. */
  private async observe(read: Weights): Promise<void> {
    const { run } = this;
    const at = nowIso();
    run.ground.read = { weights: { blue: read.blue, green: read.green }, at };
    if (!run.weights) return;
    const drift = driftOf(run.weights, run.ground.basis, read, at);
    if (!drift) return;
    const text = driftText(drift);
    const pausedBy = run.paused?.by ?? null;
    if (!run.paused) run.paused = { by: DRIFT_PAUSER, reason: `${text}: a person or another tool changed ${run.runbook.dns.record}`, since: at };
    // Known already: recorded once, until the record changes again or a person resumes.
    if (run.ground.drift && sameWeights(run.ground.drift.read, read)) return;
    run.ground.drift = drift;
    const waits = 'no DNS write until a person resumes (resume carries on from the weights read; abort rolls back to 100% blue)';
    run.record('drift', `${text}; ${pausedBy ? `already paused by ${pausedBy}` : 'paused'}: ${waits}`, {
      by: DRIFT_PAUSER,
      data: { read: drift.read, expected: drift.expected, basis: drift.basis, readAt: drift.readAt, pausedBy: pausedBy ?? DRIFT_PAUSER },
    });
    await this.notify('paused', `${run.cutover}: ${text} on ${run.runbook.dns.record}; a person or another tool changed it. The cutover is paused and makes ${waits}.`);
  }
}

/**
 * A person resumed a run whose record drifted: they accept the weights it read. The run expects
 * those from now on and reads the record again before its next change.
 */
export function acceptDrift(run: CutoverRun, by: string): void {
  const drift = run.ground.drift;
  if (!drift) return;
  run.weights = { ...drift.read };
  run.ground = { ...run.ground, basis: 'accepted', drift: null };
  run.record('drift', `${by} accepted the weights DNS reads, blue ${drift.read.blue} / green ${drift.read.green}: the cutover carries on from them and reads the record again before its next change`, {
    by,
    data: { accepted: drift.read, expected: drift.expected, basis: drift.basis, readAt: drift.readAt },
  });
}
