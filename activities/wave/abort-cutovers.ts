/**
 * A wave aborts its applications' cutovers through each cutover's own `abort` Update, the same
 * request a person sends, so the cutover decides how to stop (roll back if traffic moved) and its
 * record says the wave did it. A workflow cannot send Updates; this activity sends them with the
 * worker's client. Sending twice is harmless: a cutover already stopping or ended refuses the second.
 */
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { abortUpdate } from '../../workflows/messages';
import { failureMessage } from '../../workflows/failure';

export interface AbortCutoversInput {
  ids: string[];
  by: string;
  reason: string;
}

export interface AbortSent {
  id: string;
  accepted: boolean;
  /** The cutover's receipt, or its refusal (already ended, already rolling back). */
  message: string;
}

export function waveActivities() {
  return {
    async abortCutovers(input: AbortCutoversInput): Promise<AbortSent[]> {
      const { client } = Context.current();
      return Promise.all(
        input.ids.map(async (id): Promise<AbortSent> => {
          try {
            const receipt = await client.workflow.getHandle(id).executeUpdate(abortUpdate, { args: [{ by: input.by, reason: input.reason }] });
            return { id, accepted: true, message: receipt.message };
          } catch (err) {
            // Refused or gone: the cutover is past taking an abort, which is what was wanted. Anything
            // else (the server unreachable) is thrown, and the activity is tried again.
            if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) return { id, accepted: false, message: failureMessage(err.cause ?? err) };
            throw err;
          }
        }),
      );
    },
  };
}

export type WaveActivities = ReturnType<typeof waveActivities>;
