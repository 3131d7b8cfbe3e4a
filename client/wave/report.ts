/**
 * The record of a wave for `wave report`: each application's outcome and reason, and the wave's
 * timeline. Typed fields only, read from the wave's status; nothing is parsed from its prose.
 */
import type { ApplicationStatus, WaveStatus, WaveTimelineEntry } from '../../workflows/wave/messages';
import type { WaveSnapshot } from './waves';

export interface WaveReport {
  id: string;
  wave: string | null;
  /** How Temporal sees the run: RUNNING, COMPLETED, TERMINATED... */
  execution: string;
  outcome: WaveStatus['outcome'] | null;
  reason: string | null;
  startedBy: string | null;
  startedAt: string | null;
  endedAt: string | null;
  applications: Array<Pick<ApplicationStatus, 'name' | 'id' | 'state' | 'reason' | 'because' | 'startedAt' | 'endedAt'>>;
  timeline: WaveTimelineEntry[];
}

export function waveReportOf(snapshot: WaveSnapshot): WaveReport {
  const { status } = snapshot;
  return {
    id: snapshot.id,
    wave: status?.wave ?? null,
    execution: snapshot.execution.status,
    outcome: status?.outcome ?? null,
    reason: status?.reason ?? null,
    startedBy: status?.startedBy ?? null,
    startedAt: status?.startedAt ?? null,
    endedAt: status?.endedAt ?? null,
    applications: (status?.applications ?? []).map(({ name, id, state, reason, because, startedAt, endedAt }) => ({ name, id, state, reason, because, startedAt, endedAt })),
    timeline: status?.timeline ?? [],
  };
}
