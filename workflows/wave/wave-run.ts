/**
 * A running wave's state: its applications, pause and stop, and its timeline. The workflow and its
 * handlers change it only through these methods, so every change is recorded once.
 */
import { workflowInfo } from '@temporalio/workflow';
import { noWaveGates } from './gate';
import type { ApplicationStatus, WaveCarried, WaveOutcome, WaveRunInput, WaveStatus, WaveStop, WaveTimelineEntry, WaveTimelineKind } from './messages';
import { waveOutcome } from './schedule';

export class WaveRun {
  applications: ApplicationStatus[];
  startedAt = new Date().toISOString();
  /** The wave's first run: with the wave id, what names this wave for keys and signed statements across carry-overs. */
  readonly firstRunId = workflowInfo().firstExecutionRunId;
  paused: WaveStatus['paused'] = null;
  stop: WaveStop | null = null;
  outcome: WaveOutcome = 'running';
  reason: string | null = null;
  endedAt: string | null = null;
  timeline: WaveTimelineEntry[] = [];
  /** Applications whose cutover has started: only those can take an abort. */
  started: string[] = [];
  /** Applications sent an abort already, so each gets one. */
  abortSent: string[] = [];
  /** Counted across carry-overs: each notification's key takes its number. */
  notificationsSent = 0;
  gates = noWaveGates();
  /** The sign-off gate's decision once taken; the wave then ends. */
  signoff: { approved: boolean; by: string; note: string | null } | null = null;
  /** Bumped on every change the scheduler must look at: an application started or ended, a pause, a stop. */
  changes = 0;

  constructor(readonly input: WaveRunInput) {
    this.applications = input.wave.applications.map((app) => ({
      name: app.name,
      // Checked after this is built: a wave started without the client may lack a member.
      id: input.members.find((member) => member.name === app.name)?.id ?? '',
      after: [...app.after],
      state: 'waiting',
      reason: null,
      because: null,
      startedAt: null,
      endedAt: null,
      final: null,
    }));
  }

  /** Picks up where the previous run of this wave stopped. */
  restore(carried: WaveCarried): void {
    const { runs, ...state } = carried;
    Object.assign(this, state);
    this.record('note', `continued as run ${runs + 1} of this wave, to keep its history short`);
  }

  carry(): WaveCarried {
    const { startedAt, applications, paused, stop, timeline, started, abortSent, notificationsSent, gates, signoff } = this;
    return { startedAt, applications, paused, stop, timeline, started, abortSent, notificationsSent, gates, signoff, runs: (this.input.carried?.runs ?? 0) + 1 };
  }

  /** Whether to continue as new now: when the server suggests it, or past the test's threshold. */
  carryOverDue(): boolean {
    const info = workflowInfo();
    const limit = this.input.carryOverAfterEvents;
    return limit !== undefined ? info.historyLength >= limit : info.continueAsNewSuggested;
  }

  get name(): string {
    return this.input.wave.name;
  }

  get waveId(): string {
    return workflowInfo().workflowId;
  }

  /** The wave's policy; a wave that does not say is held to signatures. */
  get approvals(): 'signed' | 'unverified' {
    return this.input.wave.approvals === 'unverified' ? 'unverified' : 'signed';
  }

  /** The seq of the newest timeline entry. */
  get timelineSeq(): number {
    return this.timeline.length;
  }

  application(name: string): ApplicationStatus {
    return this.applications.find((app) => app.name === name)!;
  }

  record(kind: WaveTimelineKind, message: string, extra: Pick<WaveTimelineEntry, 'application' | 'by' | 'data'> = {}): void {
    this.timeline.push({ seq: this.timeline.length + 1, at: new Date().toISOString(), kind, message, ...extra });
  }

  changed(): void {
    this.changes += 1;
  }

  /** Ends the wave once nothing waits or runs; true when it has. */
  settle(): boolean {
    const ended = waveOutcome(this.applications, this.stop);
    if (ended === 'running') return false;
    const outcome = this.signoff && !this.signoff.approved ? 'not-signed-off' : ended;
    this.outcome = outcome;
    this.endedAt = new Date().toISOString();
    const counts = new Map<string, number>();
    for (const app of this.applications) counts.set(app.state, (counts.get(app.state) ?? 0) + 1);
    const tally = [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
    const signoff = this.signoff && !this.signoff.approved ? `sign-off rejected by ${this.signoff.by}: ${this.signoff.note ?? ''}; ` : '';
    this.reason = `${signoff}${this.stop ? `${this.stop.reason}; ${tally}` : tally}`;
    this.record('outcome', `wave ${outcome.replace(/-/g, ' ')}: ${this.reason}`, { data: { outcome, counts: Object.fromEntries(counts) } });
    return true;
  }

  /** Ends the wave at once, before any application started: its input could not run. */
  refuse(reason: string): void {
    for (const app of this.applications) Object.assign(app, { state: 'not-started', reason });
    this.outcome = 'aborted';
    this.reason = reason;
    this.endedAt = new Date().toISOString();
    this.record('outcome', `wave aborted before any application started: ${reason}`, { data: { outcome: 'aborted' } });
  }

  snapshot(): WaveStatus {
    const { wave, startedBy } = this.input;
    return {
      wave: wave.name,
      description: wave.description ?? null,
      startedBy,
      startedAt: this.startedAt,
      endedAt: this.endedAt,
      outcome: this.outcome,
      reason: this.reason,
      maxParallel: wave.maxParallel,
      blastRadius: wave.blastRadius,
      paused: this.paused,
      stop: this.stop,
      openGate: this.gates.open,
      approvals: this.approvals,
      applications: this.applications.map((app) => ({ ...app, after: [...app.after] })),
      timeline: [...this.timeline],
    };
  }
}
