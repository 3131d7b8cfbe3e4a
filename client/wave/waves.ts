/**
 * The waves on one Temporal namespace, as the CLI sees them: start one, read its status with each
 * running application's phase, weights and open gate read from that application's own cutover,
 * pause, resume or abort it. Shares the cutovers client's connection; Temporal's errors become the
 * CLI's typed errors here, with the wave's own words for a refusal.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { Weights } from '../../workflows/decisions/traffic';
import type { ControlRequest, Receipt } from '../../workflows/messages';
import type { Phase } from '../../workflows/status';
import { wave } from '../../workflows';
import { abortWaveUpdate, approveWaveUpdate, pauseWaveUpdate, rejectWaveUpdate, resumeWaveUpdate, waveStatusQuery, type ApplicationStatus, type WaveRunInput, type WaveStatus } from '../../workflows/wave/messages';
import { failureMessage } from '../../workflows/failure';
import { QUERY_TIMEOUT_MS, type Cutovers, type Execution } from '../cutovers';
import { NotFoundError, RefusedError, UnreachableError, UsageError } from '../errors';
import { lastWorkerOf, noWorkerAnswered, noWorkerOn, type NoWorker } from '../no-worker';
import type { WaveDecision } from './sign-wave-decision';
import { startWave } from './start-wave';

/** An application as status shows it: the wave's record, and for a running one where its cutover is now. */
export interface ApplicationView extends ApplicationStatus {
  phase: Phase | null;
  weights: Weights | null;
  openGate: { name: string; approvers: string[] } | null;
  /** Why the running cutover's own status is missing (no worker answered). */
  note: string | null;
}

export interface WaveSnapshot {
  id: string;
  execution: Pick<Execution, 'status' | 'taskQueue' | 'startTime' | 'closeTime' | 'firstRunId'>;
  /** Null for a wave that ended without a result (terminated), or that no worker answered. */
  status: WaveStatus | null;
  applications: ApplicationView[];
  noWorker?: NoWorker;
}

/** A wave as the console's list shows it: its outcome and how many of its applications have ended. */
export interface ListedWave {
  id: string;
  execution: Pick<Execution, 'status' | 'startTime' | 'closeTime'>;
  wave: string | null;
  startedBy: string | null;
  outcome: WaveStatus['outcome'] | null;
  progress: { ended: number; completed: number; total: number } | null;
  openGate: string | null;
  /** Why the wave's status is missing (no worker answered, or it ended without one). */
  note: string | null;
}

export type WaveControl = 'pause' | 'resume' | 'abort';

export class Waves {
  constructor(private readonly cutovers: Cutovers) {}

  async start(input: WaveRunInput, options: { id: string; taskQueue: string }): Promise<string> {
    try {
      return (await startWave(this.cutovers.client, input, { workflowId: options.id, taskQueue: options.taskQueue })).workflowId;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        throw new UsageError(`a wave with id "${err.workflowId}" already exists in namespace ${this.cutovers.target.namespace}`, 'choose another --id, or leave it out for a new one');
      }
      throw this.translate(err, options.id);
    }
  }

  async snapshot(id: string): Promise<WaveSnapshot> {
    const handle = this.handle(id);
    const execution = await this.describe(handle);
    let status: WaveStatus | null = null;
    let noWorker: NoWorker | undefined;
    if (execution.status === 'RUNNING') {
      try {
        status = await this.cutovers.connection.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () => handle.query(waveStatusQuery));
      } catch (err) {
        if (!noWorkerAnswered(err)) throw this.translate(err, id, 'the status query');
        const within = <T>(call: () => Promise<T>) => this.cutovers.connection.withDeadline(Date.now() + QUERY_TIMEOUT_MS, call);
        const lastWorker = await lastWorkerOf(this.cutovers.client, id, undefined, within);
        noWorker = await noWorkerOn({ client: this.cutovers.client, taskQueue: execution.taskQueue, lastWorker, withDeadline: within });
      }
    } else if (execution.status === 'COMPLETED') {
      status = await handle.result();
    }
    const applications = status ? await Promise.all(status.applications.map((app) => this.view(app))) : [];
    return { id, execution, status, applications, ...(noWorker ? { noWorker } : {}) };
  }

  /** Running and recent waves, newest first, each with its own status (not its applications' cutovers). */
  async list(limit: number): Promise<ListedWave[]> {
    const found: ListedWave[] = [];
    try {
      for await (const info of this.cutovers.client.workflow.list({ query: `WorkflowType = '${wave.name}'` })) {
        // A wave carried over to a new run is listed once, as its newest run.
        if (info.status.name === 'CONTINUED_AS_NEW') continue;
        found.push({
          id: info.workflowId,
          execution: { status: info.status.name, startTime: info.startTime, closeTime: info.closeTime ?? null },
          wave: typeof info.memo?.wave === 'string' ? info.memo.wave : null,
          startedBy: typeof info.memo?.startedBy === 'string' ? info.memo.startedBy : null,
          outcome: null,
          progress: null,
          openGate: null,
          note: null,
        });
        if (found.length >= limit) break;
      }
    } catch (err) {
      throw this.translate(err, '');
    }
    await Promise.all(found.map((listed) => this.fillIn(listed)));
    return found;
  }

  async control(id: string, kind: WaveControl, request: ControlRequest): Promise<Receipt> {
    const handle = this.handle(id);
    const execution = await this.describe(handle);
    if (execution.status !== 'RUNNING') throw new RefusedError(`wave ${id} already ended`, `see its record: cutover wave report ${id}`);
    const update = kind === 'pause' ? pauseWaveUpdate : kind === 'resume' ? resumeWaveUpdate : abortWaveUpdate;
    try {
      return await handle.executeUpdate(update, { args: [request] });
    } catch (err) {
      throw this.translate(err, id, `the ${kind} request`);
    }
  }

  /** An approval or rejection at the wave's open gate; the wave's validator answers at once. */
  async decide(id: string, decision: WaveDecision): Promise<Receipt> {
    const handle = this.handle(id);
    const execution = await this.describe(handle);
    if (execution.status !== 'RUNNING') throw new RefusedError(`wave ${id} already ended`, `see its record: cutover wave report ${id}`);
    try {
      if (decision.kind === 'approve') return await handle.executeUpdate(approveWaveUpdate, { args: [decision.request] });
      return await handle.executeUpdate(rejectWaveUpdate, { args: [decision.request] });
    } catch (err) {
      throw this.translate(err, id, `the ${decision.kind === 'approve' ? 'approval' : 'rejection'}`);
    }
  }

  private async fillIn(listed: ListedWave): Promise<void> {
    const handle = this.handle(listed.id);
    try {
      let status: WaveStatus | null = null;
      if (listed.execution.status === 'RUNNING') status = await this.cutovers.connection.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () => handle.query(waveStatusQuery));
      else if (listed.execution.status === 'COMPLETED') status = await handle.result();
      if (!status) {
        listed.note = `ended ${listed.execution.status.toLowerCase()}, without a status`;
        return;
      }
      const apps = status.applications;
      const ended = apps.filter((app) => app.state !== 'waiting' && app.state !== 'running').length;
      Object.assign(listed, {
        outcome: status.outcome,
        progress: { ended, completed: apps.filter((app) => app.state === 'completed').length, total: apps.length },
        openGate: status.openGate?.name ?? null,
      });
    } catch (err) {
      listed.note = noWorkerAnswered(err) ? 'no worker answered' : failureMessage(err);
    }
  }

  /** A running application's phase, weights and gate come from its cutover; an ended one's from its result. */
  private async view(app: ApplicationStatus): Promise<ApplicationView> {
    const view: ApplicationView = { ...app, phase: app.final?.phase ?? null, weights: app.final?.weights ?? null, openGate: null, note: null };
    if (app.state !== 'running' || app.startedAt === null) return view;
    try {
      const snapshot = await this.cutovers.snapshot(app.id);
      if (snapshot.noWorker) view.note = snapshot.noWorker.message;
      const status = snapshot.status;
      if (status) Object.assign(view, { phase: status.phase, weights: status.weights, openGate: status.openGate && { name: status.openGate.name, approvers: status.openGate.approvers } });
    } catch (err) {
      // Started a moment ago and not yet visible, or its worker is gone: the wave's own record still shows.
      view.note = failureMessage(err);
    }
    return view;
  }

  private handle(id: string): WorkflowHandle<typeof wave> {
    return this.cutovers.client.workflow.getHandle<typeof wave>(id);
  }

  private async describe(handle: WorkflowHandle): Promise<WaveSnapshot['execution']> {
    try {
      const description = await handle.describe();
      if (description.type !== wave.name) throw new NotFoundError(`"${handle.workflowId}" is a ${description.type}, not a wave`, `for a cutover: cutover status ${handle.workflowId}`);
      return {
        status: description.status.name,
        taskQueue: description.taskQueue,
        startTime: description.startTime,
        closeTime: description.closeTime ?? null,
        firstRunId: description.raw.workflowExecutionInfo?.firstRunId || description.runId,
      };
    } catch (err) {
      throw this.translate(err, handle.workflowId);
    }
  }

  private translate(err: unknown, id: string, what = 'the request'): Error {
    if (err instanceof NotFoundError) return err;
    if (err instanceof WorkflowUpdateFailedError) return new RefusedError(err.cause?.message ?? err.message);
    if (err instanceof WorkflowNotFoundError) {
      return new NotFoundError(`no wave "${id}" in namespace ${this.cutovers.target.namespace} at ${this.cutovers.target.address}`, 'the wave id is the one cutover wave start printed');
    }
    if (noWorkerAnswered(err)) return new UnreachableError(`no worker answered ${what} of wave ${id}`, 'is a worker running? start one with: cutover worker');
    return err instanceof Error ? err : new Error(failureMessage(err));
  }
}
