/**
 * What a running wave takes and answers: its input, its status, and the Updates that pause, resume
 * and abort it. Clients import these same objects, never strings. Plain data throughout, so the
 * status survives history and queries unchanged.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ApproveRequest, ControlRequest, Receipt, RejectRequest } from '../messages';
import type { RefusalCounts } from '../decisions/refusal-budget';
import type { GateSigners } from '../signing/gate-signers';
import type { OpenGate } from '../status';
import type { Runbook } from '../runbook/schema';
import type { Weights } from '../decisions/traffic';
import type { Outcome, Phase } from '../status';
import { IDENTITY_MAX_LENGTH } from '../runbook/text';
import type { Wave } from './schema';

export interface WaveMemberInput {
  name: string;
  /** The application's cutover id: its child workflow's id. */
  id: string;
  runbook: Runbook;
}

export interface WaveRunInput {
  wave: Wave;
  /** Every application of the wave, in the wave file's order, with its validated runbook. */
  members: WaveMemberInput[];
  startedBy: string;
  /** Continue as new once history has this many events (default: when the server suggests it). */
  carryOverAfterEvents?: number;
  /** Set by the wave itself when it continues as a new run. */
  carried?: WaveCarried;
}

/** What a wave carries into its next run: everything it knows, so the new run goes on where this one stopped. */
export interface WaveCarried {
  startedAt: string;
  applications: ApplicationStatus[];
  paused: WaveStatus['paused'];
  stop: WaveStop | null;
  timeline: WaveTimelineEntry[];
  started: string[];
  abortSent: string[];
  notificationsSent: number;
  gates: WaveGates;
  signoff: { approved: boolean; by: string; note: string | null } | null;
  /** How many runs came before the next one. */
  runs: number;
}

export type ApplicationState =
  | 'waiting'
  | 'running'
  | 'completed'
  | 'rolled-back'
  | 'aborted'
  | 'rollback-failed'
  /** The cutover ended without an outcome (terminated, or could not be started). */
  | 'failed'
  | 'skipped'
  | 'not-started';

export interface ApplicationStatus {
  name: string;
  id: string;
  after: string[];
  state: ApplicationState;
  /** Why it ended as it did, in words: the cutover's reason, or why it was skipped or not started. */
  reason: string | null;
  /** Set when skipped: the application it waited for, and how that one ended. */
  because: { application: string; outcome: ApplicationState } | null;
  startedAt: string | null;
  endedAt: string | null;
  /** Where the cutover ended, from its result; a running one is read from the cutover itself. */
  final: { phase: Phase; weights: Weights | null; outcome: Outcome } | null;
}

/** Why no new application starts any more. */
export interface WaveStop {
  kind: 'blast-radius' | 'abort';
  reason: string;
  by: string;
  at: string;
  /** Whether the running applications are aborted (and roll back) or left to finish. */
  running: 'finish' | 'roll-back';
}

/** `not-signed-off`: the applications ended as they say, but the wave's sign-off gate was rejected or timed out. */
export type WaveOutcome = 'running' | 'completed' | 'partly-completed' | 'stopped' | 'aborted' | 'not-signed-off';

export type WaveTimelineKind =
  | 'start'
  | 'application-start'
  | 'application-end'
  | 'skip'
  | 'not-started'
  | 'blast-radius'
  | 'pause'
  | 'resume'
  | 'abort'
  | 'abort-sent'
  | 'note'
  | 'notify'
  | 'gate-open'
  | 'approval'
  | 'rejection'
  | 'refused'
  | 'timeout'
  | 'outcome';

export interface WaveTimelineEntry {
  seq: number;
  at: string;
  kind: WaveTimelineKind;
  message: string;
  application?: string;
  by?: string;
  data?: Record<string, unknown>;
}

export interface WaveStatus {
  wave: string;
  description: string | null;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
  outcome: WaveOutcome;
  reason: string | null;
  maxParallel: number;
  blastRadius: Wave['blastRadius'];
  paused: { by: string; reason: string; since: string } | null;
  stop: WaveStop | null;
  /** The wave's gate waiting for a decision, if any. */
  openGate: WaveOpenGate | null;
  /** The wave's approval policy: `unverified` means no identity at its gates was verified. */
  approvals: 'signed' | 'unverified';
  applications: ApplicationStatus[];
  timeline: WaveTimelineEntry[];
}

/**
 * A wave's gate while it waits: the same facts as a cutover's (who may approve, how many, the keys it
 * accepts, the digest of what it shows), showing the wave's applications and their states.
 */
export type WaveOpenGate = Omit<OpenGate, 'context'> & {
  /** `start` opens before any application starts; `signoff` after all have ended. */
  role: 'start' | 'signoff';
  context: { applications: Record<string, ApplicationState> };
};

/** The wave's gate state, carried across runs. */
export interface WaveGates {
  open: WaveOpenGate | null;
  decision: { approved: boolean; by: string; note: string | null } | null;
  /** The keys loaded when the open gate opened, as the activity returned them. */
  signers: GateSigners | null;
  refused: RefusalCounts;
}

export const waveStatusQuery = defineQuery<WaveStatus>('wave-status');
export const pauseWaveUpdate = defineUpdate<Receipt, [ControlRequest]>('pause-wave');
export const resumeWaveUpdate = defineUpdate<Receipt, [ControlRequest]>('resume-wave');
export const abortWaveUpdate = defineUpdate<Receipt, [ControlRequest]>('abort-wave');
export const approveWaveUpdate = defineUpdate<Receipt, [ApproveRequest]>('approve-wave');
export const rejectWaveUpdate = defineUpdate<Receipt, [RejectRequest]>('reject-wave');

/**
 * The name a wave acts under when it aborts its applications' cutovers: an identity the cutover
 * accepts (no spaces), so the cutover's record says the wave did it.
 */
export function waveActor(waveName: string): string {
  return `wave@${waveName}`.slice(0, IDENTITY_MAX_LENGTH);
}
