/**
 * Migration Hub's input rules for the operations the fake serves, as the service states them
 * (API reference, AWSMigrationHub 2017-05-31): names, enums, ranges and required members. A
 * violation is answered as the service does, InvalidInputException with a message naming the member.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const STREAM = /^[^/:|\u0000-\u001f]+$/;
const TASK = /^[^:|]+$/;
const STATUSES = new Set(['NOT_STARTED', 'IN_PROGRESS', 'FAILED', 'COMPLETED']);

function invalid(message: string): ServiceError {
  return new ServiceError('InvalidInputException', message);
}

export function streamName(body: Record<string, unknown>): string {
  const value = body.ProgressUpdateStream;
  if (typeof value !== 'string' || value.length < 1 || value.length > 50 || !STREAM.test(value)) {
    throw invalid(`1 validation error detected: Value at 'progressUpdateStream' failed to satisfy constraint: Member must satisfy regular expression pattern: [^/:|\\000-\\037]+ and length 1-50`);
  }
  return value;
}

export function taskName(body: Record<string, unknown>): string {
  const value = body.MigrationTaskName;
  if (typeof value !== 'string' || value.length < 1 || value.length > 256 || !TASK.test(value)) {
    throw invalid(`1 validation error detected: Value at 'migrationTaskName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:|]+ and length 1-256`);
  }
  return value;
}

export interface TaskState {
  Status: string;
  StatusDetail?: string;
  ProgressPercent?: number;
}

export function taskState(body: Record<string, unknown>): { task: TaskState; updateDateTime: number; nextUpdateSeconds: number } {
  const task = body.Task as Record<string, unknown> | undefined;
  if (typeof task !== 'object' || task === null) throw invalid("1 validation error detected: Value null at 'task' failed to satisfy constraint: Member must not be null");
  if (typeof task.Status !== 'string' || !STATUSES.has(task.Status)) {
    throw invalid(`1 validation error detected: Value '${String(task.Status)}' at 'task.status' failed to satisfy constraint: Member must satisfy enum value set: [NOT_STARTED, IN_PROGRESS, FAILED, COMPLETED]`);
  }
  if (task.StatusDetail !== undefined && (typeof task.StatusDetail !== 'string' || task.StatusDetail.length > 2_500)) {
    throw invalid("1 validation error detected: Value at 'task.statusDetail' failed to satisfy constraint: Member must have length less than or equal to 2500");
  }
  const percent = task.ProgressPercent;
  if (percent !== undefined && (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100)) {
    throw invalid(`1 validation error detected: Value '${String(percent)}' at 'task.progressPercent' failed to satisfy constraint: Member must have value between 0 and 100`);
  }
  // JSON 1.1 sends timestamps as epoch seconds.
  if (typeof body.UpdateDateTime !== 'number') throw invalid("1 validation error detected: Value null at 'updateDateTime' failed to satisfy constraint: Member must not be null");
  const next = body.NextUpdateSeconds;
  if (typeof next !== 'number' || !Number.isInteger(next) || next < 0) {
    throw invalid("1 validation error detected: Value at 'nextUpdateSeconds' failed to satisfy constraint: Member must have value greater than or equal to 0");
  }
  return {
    task: { Status: task.Status, ...(typeof task.StatusDetail === 'string' && { StatusDetail: task.StatusDetail }), ...(percent !== undefined && { ProgressPercent: percent }) },
    updateDateTime: body.UpdateDateTime,
    nextUpdateSeconds: next,
  };
}
