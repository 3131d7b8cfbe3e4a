/**
 * Sending random payloads to a running workflow's messages, and reading its histories for failed
 * workflow tasks. Payloads go out concurrently in batches; an Update that gets no answer in time is
 * counted, not awaited forever (a workflow whose tasks fail answers no Update).
 */
import { ApplicationFailure, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { HANDLER_FAILED } from '../../../workflows/message-payload';

export interface Message {
  kind: 'signal' | 'update' | 'query';
  name: string;
}

/** `handler failed`: an Update failed on an error its handler or validator did not mean (a bug, not a refusal). */
export type Answer = 'sent' | 'refused' | 'handler failed' | 'accepted' | 'answered' | 'no answer' | 'rpc error';

export interface FuzzTally {
  sent: number;
  answers: Partial<Record<Answer, number>>;
}

const NO_ANSWER_MS = 15_000;

async function sendOne(handle: WorkflowHandle, message: Message, payload: unknown): Promise<Answer> {
  const call = async (): Promise<Answer> => {
    try {
      if (message.kind === 'signal') {
        await handle.signal(message.name, payload);
        return 'sent';
      }
      if (message.kind === 'query') {
        await handle.query(message.name, payload);
        return 'answered';
      }
      await handle.executeUpdate(message.name, { args: [payload] });
      return 'accepted';
    } catch (err) {
      if (!(err instanceof WorkflowUpdateFailedError)) return 'rpc error';
      return err.cause instanceof ApplicationFailure && err.cause.type === HANDLER_FAILED ? 'handler failed' : 'refused';
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Answer>((resolve) => (timer = setTimeout(() => resolve('no answer'), NO_ANSWER_MS)));
  try {
    return await Promise.race([call(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends each payload to one of `messages` in turn, skipping those `harmless` says would act (an
 * abort that is well formed is an abort). Signals and Queries go out 50 at a time; Updates 8 at a
 * time, beside them, since the server holds at most 10 in flight per workflow (`history.maxInFlightUpdates`)
 * and retries the rest. `check` runs every 2 s meanwhile and stops it by throwing.
 */
export async function fuzz(
  handle: WorkflowHandle,
  messages: Message[],
  payloads: unknown[],
  options: { harmless?: (message: Message, payload: unknown) => boolean; check?: () => Promise<void> } = {},
): Promise<FuzzTally> {
  const tally: FuzzTally = { sent: 0, answers: {} };
  const jobs = payloads
    .map((payload, index) => ({ message: messages[index % messages.length]!, payload }))
    .filter(({ message, payload }) => options.harmless?.(message, payload) ?? true);
  const lane = async (kinds: Message['kind'][], batch: number, check?: () => Promise<void>) => {
    const mine = jobs.filter((job) => kinds.includes(job.message.kind));
    for (let start = 0; start < mine.length; start += batch) {
      const answers = await Promise.all(mine.slice(start, start + batch).map(({ message, payload }) => sendOne(handle, message, payload)));
      tally.sent += answers.length;
      for (const answer of answers) tally.answers[answer] = (tally.answers[answer] ?? 0) + 1;
      await check?.();
    }
  };
  const sending = Promise.all([lane(['signal', 'query'], 50), lane(['update'], 8)]);
  // Checked every 2 s while sending, so a failing workflow task stops the fuzz at once.
  let done = false;
  const watching = (async () => {
    while (!done) {
      await options.check?.();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  })();
  try {
    await Promise.race([sending, watching]);
  } finally {
    done = true;
  }
  await options.check?.();
  return tally;
}

/** WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND in Temporal's API. */
const UNHANDLED_COMMAND = 1;

/**
 * Every WorkflowTaskFailed event of every run of the workflow, newest run first, with its cause and
 * message. Read a page of 100 events at a time: signals carrying large payloads make a history whose
 * default pages exceed gRPC's 4 MiB message limit.
 */
export async function failedWorkflowTasks(client: Client, workflowId: string): Promise<string[]> {
  const failures: string[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    let previous: string | undefined;
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await client.workflowService.getWorkflowExecutionHistory({ namespace: client.options.namespace, execution: { workflowId, runId }, maximumPageSize: 100, nextPageToken });
      for (const event of page.history?.events ?? []) {
        const failed = event.workflowTaskFailedEventAttributes;
        // The server's own refusal of a completion or carry-over because new messages arrived meanwhile:
        // the SDK runs the task again with them. Not a task the workflow's code failed.
        if (failed && failed.cause !== UNHANDLED_COMMAND) failures.push(`${workflowId} run ${runId} event ${event.eventId}: cause ${failed.cause}: ${failed.failure?.message}`);
        const started = event.workflowExecutionStartedEventAttributes;
        if (started) previous = started.continuedExecutionRunId || undefined;
      }
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    runId = previous;
  }
  return failures;
}

/**
 * Throws as soon as a workflow's task is failing, naming the failure: a failing task is retried
 * (attempt > 1) and only its first failure is in history.
 */
export function noFailedTasks(client: Client, workflowIds: string[]): () => Promise<void> {
  return async () => {
    for (const id of workflowIds) {
      const { raw } = await client.workflow.getHandle(id).describe();
      if ((raw.pendingWorkflowTask?.attempt ?? 1) > 1) throw new Error(`a payload failed a workflow task:\n${(await failedWorkflowTasks(client, id)).slice(0, 3).join('\n')}`);
    }
  };
}
