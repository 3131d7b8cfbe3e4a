/**
 * A local, faithful stand-in for AWS Migration Hub's JSON 1.1 API (moto does not serve it), for the
 * operations the progress reporter calls: CreateProgressUpdateStream, ImportMigrationTask,
 * NotifyMigrationTaskState and DescribeMigrationTask. Like the service it wants a POST to `/` with
 * `X-Amz-Target: AWSMigrationHub.<Operation>`, `Content-Type: application/x-amz-json-1.1` and a
 * SigV4 Authorization header; it answers errors as `{"__type", "message"}` with x-amzn-ErrorType:
 * ResourceNotFoundException for an unknown stream or task, InvalidInputException for bad input.
 * A task keeps the state with the newest UpdateDateTime, so a repeated notification changes nothing.
 *
 * Tests read the calls in the order they arrived, and can make the next calls fail.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceError, streamName, taskName, taskState, type TaskState } from './validation';

export interface MigrationHubCall {
  operation: string;
  body: Record<string, unknown>;
  at: number;
  /** The answer's error code, when it failed. */
  error?: string;
}

export interface FakeMigrationHub {
  endpoint: string;
  calls(): MigrationHubCall[];
  /** Tasks of a stream with their latest state. */
  task(stream: string, task: string): (TaskState & { updateDateTime: number }) | undefined;
  createStream(stream: string): void;
  /** Answers the next `count` calls with a 503 ServiceUnavailableException. */
  failNext(count: number): void;
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AWSMigrationHub.';

export async function startFakeMigrationHub(): Promise<FakeMigrationHub> {
  const streams = new Map<string, Map<string, (TaskState & { updateDateTime: number }) | null>>();
  const calls: MigrationHubCall[] = [];
  let failures = 0;

  const tasksOf = (body: Record<string, unknown>) => {
    const name = streamName(body);
    const tasks = streams.get(name);
    if (!tasks) throw new ServiceError('ResourceNotFoundException', `Progress update stream ${name} does not exist.`);
    return tasks;
  };

  const operations: Record<string, (body: Record<string, unknown>) => unknown> = {
    CreateProgressUpdateStream: (body) => {
      streams.set(streamName(body), streams.get(streamName(body)) ?? new Map());
      return {};
    },
    ImportMigrationTask: (body) => {
      const tasks = tasksOf(body);
      const name = taskName(body);
      if (!tasks.has(name)) tasks.set(name, null);
      return {};
    },
    NotifyMigrationTaskState: (body) => {
      const tasks = tasksOf(body);
      const name = taskName(body);
      const { task, updateDateTime } = taskState(body);
      if (!tasks.has(name)) throw new ServiceError('ResourceNotFoundException', `Migration task ${name} does not exist in progress update stream ${streamName(body)}.`);
      const latest = tasks.get(name);
      if (!latest || updateDateTime >= latest.updateDateTime) tasks.set(name, { ...task, updateDateTime });
      return {};
    },
    DescribeMigrationTask: (body) => {
      const name = taskName(body);
      const state = tasksOf(body).get(name);
      if (state === undefined) throw new ServiceError('ResourceNotFoundException', `Migration task ${name} does not exist.`);
      return { MigrationTask: { ProgressUpdateStream: streamName(body), MigrationTaskName: name, ...(state && { Task: state, UpdateDateTime: state.updateDateTime }) } };
    },
  };

  const answer = (response: ServerResponse, status: number, body: unknown, errorType?: string) => {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': `fake-${calls.length}`,
      ...(errorType && { 'x-amzn-errortype': errorType }),
    });
    response.end(text);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    let body: Record<string, unknown> = {};
    const call: MigrationHubCall = { operation, body, at: Date.now() };
    calls.push(call);
    try {
      const authorization = String(request.headers.authorization ?? '');
      if (!authorization.startsWith('AWS4-HMAC-SHA256 Credential=') || !request.headers['x-amz-date']) {
        throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
      }
      if (request.method !== 'POST' || request.headers['content-type'] !== 'application/x-amz-json-1.1') {
        throw new ServiceError('SerializationException', 'Expected a POST of application/x-amz-json-1.1');
      }
      const run = operations[operation];
      if (!run) throw new ServiceError('UnknownOperationException', `Unknown operation ${target}`);
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      call.body = body;
      if (failures > 0) {
        failures -= 1;
        throw new ServiceError('ServiceUnavailableException', 'Exception from a failure dependency', 503);
      }
      answer(response, 200, run(body));
    } catch (error) {
      const failure = error instanceof ServiceError ? error : new ServiceError('SerializationException', (error as Error).message);
      call.error = failure.code;
      answer(response, failure.status, { __type: failure.code, message: failure.message }, failure.code);
    }
  };

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: () => calls.map((call) => ({ ...call })),
    task: (stream, task) => streams.get(stream)?.get(task) ?? undefined,
    createStream: (stream) => void operations.CreateProgressUpdateStream!({ ProgressUpdateStream: stream }),
    failNext: (count) => void (failures = count),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
