/**
 * What a wave does next, decided from where its applications are: which start, which are skipped
 * because one they wait for did not complete, which will never start because the wave stopped, and
 * how the wave ended. Pure, so every rule is unit-tested and the workflow only carries it out.
 */
import type { ApplicationState, ApplicationStatus, WaveOutcome, WaveStop } from './messages';

export type ScheduleStep =
  | { kind: 'skip'; application: string; because: { application: string; outcome: ApplicationState } }
  | { kind: 'not-start'; application: string; reason: string }
  | { kind: 'start'; application: string };

export interface ScheduleLimits {
  maxParallel: number;
  paused: boolean;
  stop: WaveStop | null;
}

type Scheduled = Pick<ApplicationStatus, 'name' | 'after' | 'state'>;

const ENDED: readonly ApplicationState[] = ['completed', 'rolled-back', 'aborted', 'rollback-failed', 'failed', 'skipped', 'not-started'];

export function hasEnded(state: ApplicationState): boolean {
  return ENDED.includes(state);
}

/**
 * The steps to take now, in the wave file's order. A skip can make another application's dependency
 * end, so skips are followed through the whole graph before anything starts.
 */
export function nextSteps(applications: readonly Scheduled[], limits: ScheduleLimits): ScheduleStep[] {
  const state = new Map(applications.map((app) => [app.name, app.state]));
  const steps: ScheduleStep[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const app of applications) {
      if (state.get(app.name) !== 'waiting') continue;
      const ended = app.after.find((dep) => {
        const outcome = state.get(dep);
        return outcome !== undefined && outcome !== 'completed' && hasEnded(outcome);
      });
      if (ended === undefined) continue;
      steps.push({ kind: 'skip', application: app.name, because: { application: ended, outcome: state.get(ended)! } });
      state.set(app.name, 'skipped');
      changed = true;
    }
  }
  const waiting = applications.filter((app) => state.get(app.name) === 'waiting');
  if (limits.stop) {
    for (const app of waiting) steps.push({ kind: 'not-start', application: app.name, reason: limits.stop.reason });
    return steps;
  }
  if (limits.paused) return steps;
  let running = applications.filter((app) => state.get(app.name) === 'running').length;
  for (const app of waiting) {
    if (running >= limits.maxParallel) break;
    if (!app.after.every((dep) => state.get(dep) === 'completed')) continue;
    steps.push({ kind: 'start', application: app.name });
    running += 1;
  }
  return steps;
}

/** Rollbacks count towards the blast radius, a failed one too: traffic or data had to come back. */
export function rollbacks(applications: readonly Pick<ApplicationStatus, 'state'>[]): number {
  return applications.filter((app) => app.state === 'rolled-back' || app.state === 'rollback-failed').length;
}

export function blastRadiusReached(applications: readonly Pick<ApplicationStatus, 'state'>[], stopAfter: number): boolean {
  return rollbacks(applications) >= stopAfter;
}

/** How the wave ended, or 'running' while any application waits or runs. */
export function waveOutcome(applications: readonly Pick<ApplicationStatus, 'state'>[], stop: WaveStop | null): WaveOutcome {
  if (applications.some((app) => !hasEnded(app.state))) return 'running';
  if (stop?.kind === 'abort') return 'aborted';
  if (stop?.kind === 'blast-radius') return 'stopped';
  return applications.every((app) => app.state === 'completed') ? 'completed' : 'partly-completed';
}

/** "skipped because orders rolled back": why an application did not start, in the operator's words. */
export function skipReason(because: { application: string; outcome: ApplicationState }): string {
  const how = because.outcome === 'not-started' ? 'was not started' : because.outcome === 'failed' ? 'failed' : because.outcome.replace(/-/g, ' ');
  return `skipped because ${because.application} ${how}`;
}
