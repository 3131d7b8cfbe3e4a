/**
 * Progress of a cutover to AWS Migration Hub (`progress.migrationHub`): the migration task is
 * registered under the progress update stream (ImportMigrationTask, which Migration Hub requires
 * before any notification; repeating it is harmless) when the cutover starts, and
 * NotifyMigrationTaskState tells each state after. UpdateDateTime is the workflow's time of the
 * change, so a retried call says the same thing at the same moment. Credentials come from the SDK's
 * default chain, as for every AWS section.
 */
import { ImportMigrationTaskCommand, MigrationHubClient, NotifyMigrationTaskStateCommand } from '@aws-sdk/client-migration-hub';
import { awsCall, type Permanent } from '../aws/errors';
import type { MigrationTaskState } from '../../workflows/decisions/progress';
import type { MigrationHubProgress } from '../../workflows/runbook/progress';

/** How soon Migration Hub may expect the next word: a canary bake or a gate can take this long. */
const NEXT_UPDATE_SECONDS = 3_600;

const MIGRATION_HUB_ERRORS: Record<string, Permanent> = {
  ResourceNotFoundException: { type: 'MigrationHubNotFound', hint: 'check progress.migrationHub.stream: create the progress update stream in the home region' },
  InvalidInputException: { type: 'MigrationHubInvalidInput', hint: 'check progress.migrationHub' },
  HomeRegionNotSetException: { type: 'MigrationHubHomeRegion', hint: 'set the Migration Hub home region, and progress.migrationHub.region to it' },
  AccessDeniedException: { type: 'MigrationHubAccessDenied', hint: "allow mgh:ImportMigrationTask and mgh:NotifyMigrationTaskState to the worker's role" },
};

export interface ProgressReport {
  progress: MigrationHubProgress;
  state: MigrationTaskState;
  /** Epoch ms, the workflow's time of the change. */
  at: number;
}

export function migrationHubActivities() {
  const clients = new Map<string, MigrationHubClient>();
  const clientFor = ({ region, endpoint }: MigrationHubProgress) => {
    const key = JSON.stringify([region ?? null, endpoint ?? null]);
    let client = clients.get(key);
    if (!client) {
      client = new MigrationHubClient({ ...(region !== undefined && { region }), ...(endpoint !== undefined && { endpoint }), maxAttempts: 3 });
      clients.set(key, client);
    }
    return client;
  };

  return {
    async reportMigrationProgress({ progress, state, at }: ProgressReport): Promise<void> {
      const client = clientFor(progress);
      const names = { ProgressUpdateStream: progress.stream, MigrationTaskName: progress.task };
      const where = `migration task ${progress.task} in progress update stream ${progress.stream}`;
      if (state.status === 'NOT_STARTED') {
        await awsCall(`registering ${where}`, () => client.send(new ImportMigrationTaskCommand(names)), MIGRATION_HUB_ERRORS);
      }
      const task = { Status: state.status, ...(state.percent !== undefined && { ProgressPercent: state.percent }), ...(state.detail !== undefined && { StatusDetail: state.detail }) };
      await awsCall(
        `telling Migration Hub ${where} is ${state.status}`,
        () => client.send(new NotifyMigrationTaskStateCommand({ ...names, Task: task, UpdateDateTime: new Date(at), NextUpdateSeconds: NEXT_UPDATE_SECONDS })),
        MIGRATION_HUB_ERRORS,
      );
    },
  };
}
