/**
 * A local HTTP receiver for the HTTP providers' tests: it records every request and answers as the
 * test tells it (status, body, delay), so requests go over a real socket and nothing is mocked.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  /** Path and query. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Reply {
  status: number;
  body?: string;
  /** Wait this long before answering (a slow or hanging receiver). */
  delayMs?: number;
}

/** Decides the answer to the n-th request (0-based) since this responder was set. */
export type Responder = (request: Received, index: number) => Reply;

export interface RecordingServer {
  /** Base URL, http://127.0.0.1:port. */
  url: string;
  received: Received[];
  respond(responder: Responder): void;
  stop(): Promise<void>;
}

export async function startRecordingServer(responder: Responder = () => ({ status: 200, body: 'ok' })): Promise<RecordingServer> {
  let answer = responder;
  let answered = 0;
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
      const reply = answer(request, answered++);
      received.push(request);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { 'content-type': 'text/plain' });
        res.end(reply.body ?? '');
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    respond: (next) => {
      answer = next;
      answered = 0;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
