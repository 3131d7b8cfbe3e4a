/**
 * The cutovers on one Temporal namespace, as the CLI sees them: start one, read its status (running
 * or finished), send it a decision, list them. Temporal's errors become the CLI's typed errors here,
 * with the cutover's own words for a refusal. Loaded only by commands that talk to Temporal: the SDK
 * takes a moment to load, and validate, plan and --help never need it.
 */
import {
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type WorkflowExecutionStatusName,
  type WorkflowHandle,
} from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { setTimeout as sleep } from 'node:timers/promises';
import { cutover, wave } from '../workflows';
import type { LastKnown } from '../workflows/last-known';
import { abortUpdate, approveUpdate, pauseUpdate, rejectUpdate, resumeUpdate, statusQuery, type ApproveRequest, type ControlRequest, type Receipt, type RejectRequest, type SignedDecision } from '../workflows/messages';
import type { Runbook } from '../workflows/runbook/schema';
import type { CutoverStatus } from '../workflows/status';
import { failureMessage } from '../workflows/failure';
import { describeTarget, type ConnectionTarget } from './connection';
import { lastKnownIn, lastWorkerOf, noWorkerAnswered, noWorkerOn, taskFailing, type NoWorker } from './no-worker';
import { CliError, NotFoundError, RefusedError, UnreachableError, UsageError } from './errors';
import { endedRefusal, noWorkerError } from './run-errors';
import { startCutover } from './start-cutover';

/** How long a worker has to answer a status query or a decision before the CLI says none is there. */
export const QUERY_TIMEOUT_MS = 5_000;
export const DECISION_TIMEOUT_MS = 30_000;
/**
 * How long a one-shot read waits for a cutover moving to a new worker: the server sends its queries to
 * the killed worker's own (sticky) queue for up to 10 s before the new worker gets them, and under load
 * the new worker takes a while to replay the run.
 */
const MOVE_WAIT_MS = 30_000;
const MOVE_RETRY_PAUSE_MS = 500;
/** `list` asks every running cutover for its phase at once, and would rather say "no answer" than wait. */
const LIST_QUERY_TIMEOUT_MS = 2_000;

export interface Execution {
  status: WorkflowExecutionStatusName;
  runId: string;
  /** The cutover's first run (it carries over to new runs): what a signed decision binds. */
  firstRunId: string;
  taskQueue: string;
  startTime: Date;
  closeTime: Date | null;
  /** Where the run last was, from its memo: readable without a worker. */
  lastKnown: LastKnown | null;
}

/** A cutover as it is now: its own status snapshot, or null for a run that ended without one (terminated). */
export interface Snapshot {
  id: string;
  execution: Execution;
  status: CutoverStatus | null;
  /** Set, with a null status, when the run is going but no worker answered: execution.lastKnown says where it was. */
  noWorker?: NoWorker;
}

export interface SnapshotOptions {
  /** Read again while the cutover moves to a new worker (see MOVE_WAIT_MS): what one-shot commands want; a live view shows the move instead. */
  waitForMove?: boolean;
  /** Told once, when the cutover turns out to be moving. */
  onMove?: (noWorker: NoWorker) => void;
}

export type Decision =
  | { kind: 'approve'; request: ApproveRequest }
  | { kind: 'reject'; request: RejectRequest }
  | { kind: 'pause' | 'resume' | 'abort'; request: ControlRequest };

export interface ListedCutover {
  id: string;
  execution: Execution;
  runbook: string | null;
  startedBy: string | null;
  /** The outcome and phase, when the run answered in time; a note saying why not otherwise. */
  outcome: CutoverStatus['outcome'] | null;
  phase: CutoverStatus['phase'] | null;
  openGate: string | null;
  note: string | null;
}

export class Cutovers {
  private constructor(
    /** The Temporal client and connection, shared with the wave client (client/wave/waves.ts). */
    readonly client: Client,
    readonly connection: Connection,
    readonly target: ConnectionTarget,
  ) {}

  static async connect(target: ConnectionTarget): Promise<Cutovers> {
    let connection: Connection;
    try {
      connection = await Connection.connect(target.options);
    } catch (err) {
      throw new UnreachableError(
        `cannot reach Temporal at ${describeTarget(target)}: ${failureMessage(err)}`,
        'set TEMPORAL_ADDRESS or pass --address; for a local server: temporal server start-dev',
      );
    }
    return new Cutovers(new Client({ connection, namespace: target.namespace }), connection, target);
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  async start(runbook: Runbook, options: { id?: string; startedBy: string; taskQueue: string; signedStart?: SignedDecision; adoptWeights?: boolean }): Promise<string> {
    try {
      const handle = await startCutover(this.client, runbook, { startedBy: options.startedBy, workflowId: options.id, taskQueue: options.taskQueue, signedStart: options.signedStart, adoptWeights: options.adoptWeights });
      return handle.workflowId;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        throw new UsageError(`a cutover with id "${err.workflowId}" already exists in namespace ${this.target.namespace}`, 'choose another --id, or leave it out for a new one');
      }
      throw this.translate(err, options.id ?? runbook.name);
    }
  }

  /**
   * The cutover as it is now. A running one no worker answers comes back with `noWorker` set; with
   * `waitForMove`, one that is moving to a new worker (its old one killed) is read again until the
   * new one answers, up to MOVE_WAIT_MS, so that one look never reports a worker gone that is back.
   */
  async snapshot(id: string, options: SnapshotOptions = {}): Promise<Snapshot> {
    const handle = this.handle(id);
    const waitUntil = Date.now() + MOVE_WAIT_MS;
    let told = false;
    for (;;) {
      const read = await this.readOnce(handle);
      if (!read.noWorker?.movingTo || !options.waitForMove || Date.now() >= waitUntil) return read;
      if (!told) options.onMove?.(read.noWorker);
      told = true;
      await sleep(MOVE_RETRY_PAUSE_MS);
    }
  }

  private async readOnce(handle: WorkflowHandle<typeof cutover>): Promise<Snapshot> {
    const id = handle.workflowId;
    const execution = await this.describe(handle);
    if (execution.status !== 'RUNNING') return this.closedSnapshot(handle, execution);
    try {
      const status = await this.within(QUERY_TIMEOUT_MS, () => handle.query(statusQuery));
      return { id, execution, status };
    } catch (err) {
      // It may have ended between the two calls; a finished run has its status without a worker.
      const again = await this.describe(handle);
      if (again.status !== 'RUNNING') return this.closedSnapshot(handle, again);
      if (!noWorkerAnswered(err)) throw this.translate(err, id, execution.taskQueue, 'the status query');
      return { id, execution: again, status: null, noWorker: await this.noWorker(id, again, taskFailing(err)) };
    }
  }

  /** Why nobody answered: no worker polls, or the cutover is moving to one that does. */
  private async noWorker(id: string, execution: Execution, failing = false): Promise<NoWorker> {
    const within = <T>(call: () => Promise<T>) => this.within(QUERY_TIMEOUT_MS, call);
    const lastWorker = await lastWorkerOf(this.client, id, execution.runId, within);
    return noWorkerOn({ client: this.client, taskQueue: execution.taskQueue, lastWorker, withDeadline: within, failing });
  }

  private within<T>(ms: number, call: () => Promise<T>): Promise<T> {
    return this.connection.withDeadline(Date.now() + ms, call);
  }

  /** The final status, once the run has ended (the query may report an outcome a moment before). */
  async final(id: string): Promise<Snapshot> {
    const handle = this.handle(id);
    try {
      await handle.result();
    } catch {
      // Ended without a result (terminated, failed): describe says how.
    }
    return this.closedSnapshot(handle, await this.describe(handle));
  }

  async decide(id: string, decision: Decision): Promise<Receipt> {
    const handle = this.handle(id);
    const execution = await this.describe(handle);
    if (execution.status !== 'RUNNING') throw endedRefusal(id, execution, (await this.closedSnapshot(handle, execution)).status);
    try {
      return await this.within(DECISION_TIMEOUT_MS, () => send(handle, decision));
    } catch (err) {
      if (!noWorkerAnswered(err)) throw this.translate(err, id, execution.taskQueue, `the ${decision.kind} request`);
      const again = await this.describe(handle);
      if (again.status !== 'RUNNING') throw endedRefusal(id, again, (await this.closedSnapshot(handle, again)).status);
      throw noWorkerError(id, again, await this.noWorker(id, again, taskFailing(err)), `no worker took the ${decision.kind} request in ${DECISION_TIMEOUT_MS / 1000}s`);
    }
  }

  /** The histories of every run of a cutover, first run first (a long cutover carries over to new runs). */
  async histories(id: string): Promise<History[]> {
    const { firstRunId } = await this.describe(this.handle(id));
    const histories: History[] = [];
    let runId: string | null | undefined = firstRunId;
    try {
      while (runId) {
        const history: History = await this.client.workflow.getHandle(id, runId).fetchHistory();
        histories.push(history);
        const last = history.events?.[history.events.length - 1];
        runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
      }
    } catch (err) {
      throw this.translate(err, id);
    }
    return histories;
  }

  async list(limit: number): Promise<ListedCutover[]> {
    const executions: Execution[] = [];
    const found: ListedCutover[] = [];
    try {
      for await (const info of this.client.workflow.list({ query: `WorkflowType = '${cutover.name}'` })) {
        // A long cutover carried over to a new run is listed once, as its newest run.
        if (info.status.name === 'CONTINUED_AS_NEW') continue;
        const execution = { status: info.status.name, runId: info.runId, firstRunId: info.raw.firstRunId || info.runId, taskQueue: info.taskQueue, startTime: info.startTime, closeTime: info.closeTime ?? null, lastKnown: lastKnownIn(info.memo) };
        executions.push(execution);
        found.push({
          id: info.workflowId,
          execution,
          runbook: typeof info.memo?.runbook === 'string' ? info.memo.runbook : null,
          startedBy: typeof info.memo?.startedBy === 'string' ? info.memo.startedBy : null,
          outcome: null,
          phase: null,
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

  /** Ids of cutovers (or waves) starting with `prefix`, running ones first, then the newest: what shell completion offers. No worker is asked. */
  async ids(prefix: string, limit: number, of: 'cutovers' | 'waves' = 'cutovers'): Promise<string[]> {
    const running: string[] = [];
    const others: string[] = [];
    try {
      for await (const info of this.client.workflow.list({ query: `WorkflowType = '${of === 'waves' ? wave.name : cutover.name}'` })) {
        if (info.status.name === 'CONTINUED_AS_NEW' || !info.workflowId.startsWith(prefix)) continue;
        (info.status.name === 'RUNNING' ? running : others).push(info.workflowId);
        if (running.length + others.length >= limit) break;
      }
    } catch (err) {
      throw this.translate(err, '');
    }
    return [...new Set([...running, ...others])];
  }

  private async fillIn(listed: ListedCutover): Promise<void> {
    try {
      const handle = this.handle(listed.id);
      const status = listed.execution.status === 'RUNNING'
        ? await this.connection.withDeadline(Date.now() + LIST_QUERY_TIMEOUT_MS, () => handle.query(statusQuery))
        : (await this.closedSnapshot(handle, listed.execution)).status;
      listed.outcome = status?.outcome ?? null;
      listed.phase = status?.phase ?? null;
      listed.openGate = status?.openGate?.name ?? null;
    } catch (err) {
      if (!noWorkerAnswered(err)) listed.note = failureMessage(err);
      else {
        const known = listed.execution.lastKnown;
        listed.phase = known?.phase ?? null;
        listed.openGate = known?.openGate ?? null;
        listed.note = known ? `no worker answered; last known ${known.phase}` : 'no worker answered';
      }
    }
  }

  private handle(id: string): WorkflowHandle<typeof cutover> {
    return this.client.workflow.getHandle<typeof cutover>(id);
  }

  private async describe(handle: WorkflowHandle): Promise<Execution> {
    try {
      const description = await handle.describe();
      return {
        status: description.status.name,
        runId: description.runId,
        firstRunId: description.raw.workflowExecutionInfo?.firstRunId || description.runId,
        taskQueue: description.taskQueue,
        startTime: description.startTime,
        closeTime: description.closeTime ?? null,
        lastKnown: lastKnownIn(description.memo),
      };
    } catch (err) {
      throw this.translate(err, handle.workflowId);
    }
  }

  private async closedSnapshot(handle: WorkflowHandle<typeof cutover>, execution: Execution): Promise<Snapshot> {
    if (execution.status !== 'COMPLETED') return { id: handle.workflowId, execution, status: null };
    try {
      return { id: handle.workflowId, execution, status: await handle.result() };
    } catch (err) {
      throw this.translate(err, handle.workflowId);
    }
  }

  /** Temporal's error as one of the CLI's, in the words of whoever refused. */
  private translate(err: unknown, id: string, taskQueue?: string, what = 'the request'): Error {
    if (err instanceof CliError) return err;
    if (err instanceof WorkflowUpdateFailedError) return new RefusedError(err.cause?.message ?? err.message);
    if (err instanceof WorkflowNotFoundError) {
      return new NotFoundError(`no cutover "${id}" in namespace ${this.target.namespace} at ${this.target.address}`);
    }
    if (noWorkerAnswered(err)) {
      return new UnreachableError(
        `no worker answered ${what} of cutover ${id}${taskQueue ? ` on task queue ${taskQueue}` : ''}`,
        `is a worker running? start one with: cutover worker${taskQueue ? ` --task-queue ${taskQueue}` : ''}`,
      );
    }
    const message = failureMessage(err);
    if (/UNAVAILABLE|connect|ECONNREFUSED/i.test(message)) {
      return new UnreachableError(`cannot reach Temporal at ${describeTarget(this.target)}: ${message}`);
    }
    return err instanceof Error ? err : new Error(message);
  }
}

function send(handle: WorkflowHandle<typeof cutover>, decision: Decision): Promise<Receipt> {
  switch (decision.kind) {
    case 'approve':
      return handle.executeUpdate(approveUpdate, { args: [decision.request] });
    case 'reject':
      return handle.executeUpdate(rejectUpdate, { args: [decision.request] });
    case 'pause':
      return handle.executeUpdate(pauseUpdate, { args: [decision.request] });
    case 'resume':
      return handle.executeUpdate(resumeUpdate, { args: [decision.request] });
    case 'abort':
      return handle.executeUpdate(abortUpdate, { args: [decision.request] });
  }
}
