/**
 * What a wave will do and the least time it can take: its applications by dependency level, each
 * with its runbook's minimum, and the shared DNS budget's effect on each level. Pure: a function of
 * the validated wave and its runbooks only.
 */
import type { Runbook } from '../../workflows/runbook/schema';
import { dependencyLevels } from '../../workflows/wave/graph';
import type { BlastRadius } from '../../workflows/wave/schema';
import { planOf } from '../runbook/plan';
import type { LoadedWave } from './load';

export interface WavePlanApplication {
  name: string;
  /** The runbook file as the wave names it. */
  runbook: string;
  after: string[];
  /** The runbook's own minimum (`cutover plan`), people's time at gates left out. */
  minimumMs: number;
  gates: number;
  /** Calls on the shared DNS lane, each one of the budget's calls. */
  dnsCalls: number;
}

export interface WavePlanLevel {
  applications: WavePlanApplication[];
  /** The applications run longest first on maxParallel slots: when the last one ends. */
  scheduledMs: number;
  dnsCalls: number;
  /** The level's DNS calls at the budget's rate: no level can be quicker than this. */
  dnsBoundMs: number;
  minimumMs: number;
}

export interface WavePlan {
  name: string;
  description: string | null;
  maxParallel: number;
  blastRadius: BlastRadius;
  startGate: string | null;
  signoffGate: string | null;
  dnsCallsPerSecond: number;
  levels: WavePlanLevel[];
  /** Levels one after another: the wave's least time. */
  totalMs: number;
  /** Gates of the wave and of every runbook, where people's time adds to the minimum. */
  gates: number;
}

/**
 * DNS calls a runbook's cutover makes on the shared lane when nothing goes wrong: each canary step
 * sets the weights and waits for them to be in sync; a lowered TTL is set, waited for and restored.
 */
export function dnsCallsOf(runbook: Runbook): number {
  const { dns } = runbook;
  const lowersTtl = dns.lowerTtlTo !== undefined && dns.lowerTtlTo < dns.ttl;
  return 2 * runbook.canary.steps.length + (lowersTtl ? 3 : 0);
}

/** When the last of `durations` ends, started longest first, each on the first of `slots` to free up. */
export function scheduledMs(durations: readonly number[], slots: number): number {
  const free = new Array<number>(Math.max(1, slots)).fill(0);
  for (const duration of [...durations].sort((a, b) => b - a)) {
    const earliest = free.indexOf(Math.min(...free));
    free[earliest] = free[earliest]! + duration;
  }
  return Math.max(...free);
}

export function wavePlanOf({ wave, members }: LoadedWave, dnsCallsPerSecond: number): WavePlan {
  const byName = new Map(
    members.map(({ application, runbook }) => {
      const plan = planOf(runbook);
      const entry: WavePlanApplication = {
        name: application.name,
        runbook: application.runbook,
        after: application.after,
        minimumMs: plan.minimum.totalMs,
        gates: plan.minimum.gates,
        dnsCalls: dnsCallsOf(runbook),
      };
      return [application.name, entry];
    }),
  );
  const levels = dependencyLevels(wave.applications).map((names): WavePlanLevel => {
    const applications = names.map((name) => byName.get(name)!);
    const dnsCalls = applications.reduce((sum, app) => sum + app.dnsCalls, 0);
    const scheduled = scheduledMs(applications.map((app) => app.minimumMs), wave.maxParallel);
    const dnsBoundMs = Math.ceil((dnsCalls / dnsCallsPerSecond) * 1_000);
    return { applications, scheduledMs: scheduled, dnsCalls, dnsBoundMs, minimumMs: Math.max(scheduled, dnsBoundMs) };
  });
  const waveGates = [wave.startGate, wave.signoffGate].filter((gate) => gate !== undefined).length;
  return {
    name: wave.name,
    description: wave.description ?? null,
    maxParallel: wave.maxParallel,
    blastRadius: wave.blastRadius,
    startGate: wave.startGate ?? null,
    signoffGate: wave.signoffGate ?? null,
    dnsCallsPerSecond,
    levels,
    totalMs: levels.reduce((sum, level) => sum + level.minimumMs, 0),
    gates: waveGates + [...byName.values()].reduce((sum, app) => sum + app.gates, 0),
  };
}
