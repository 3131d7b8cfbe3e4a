/**
 * A loopback HTTP proxy in front of moto, for the two things moto cannot do by itself: answer like
 * AWS under load (a scripted PriorRequestNotComplete or Throttling error before passing requests on)
 * and speak DMS's wire format exactly (see `dmsTimestampsAsEpochSeconds`). It logs every request it
 * receives, with the moment it arrived.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  /** X-Amz-Target of JSON-protocol calls (the operation), when present. */
  target?: string;
  /** The request body of JSON-protocol calls (those with a target), as sent. */
  body?: string;
  at: number;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ProxyOptions {
  /** Answers the request itself instead of passing it to moto, when it returns a reply. */
  intercept?: (request: ProxiedRequest) => Reply | undefined;
  /** Rewrites moto's answer (its body as text) before the client sees it. */
  rewrite?: (body: string, request: ProxiedRequest) => string;
}

export interface Proxy {
  endpoint: string;
  requests(): ProxiedRequest[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'host']);

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startProxy(upstream: string, options: ProxyOptions = {}): Promise<Proxy> {
  const seen: ProxiedRequest[] = [];
  const server = createServer(async (request, response) => {
    const target = request.headers['x-amz-target'];
    const received: ProxiedRequest = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      ...(typeof target === 'string' && { target }),
      at: Date.now(),
    };
    seen.push(received);
    try {
      const body = await bodyOf(request);
      if (received.target) received.body = body.toString('utf8');
      const reply = options.intercept?.(received) ?? (await forward(upstream, request, body));
      const answerBody = options.rewrite ? Buffer.from(options.rewrite(reply.body.toString('utf8'), received)) : reply.body;
      response.writeHead(reply.status, { ...reply.headers, 'content-length': answerBody.length });
      response.end(answerBody);
    } catch (error) {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`proxy: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => [...seen],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function forward(upstream: string, request: IncomingMessage, body: Buffer): Promise<Reply> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!HOP_BY_HOP.has(name) && typeof value === 'string') headers[name] = value;
  }
  const answer = await fetch(`${upstream}${request.url}`, {
    method: request.method ?? 'GET',
    headers,
    ...(body.length > 0 && { body }),
  });
  const replyHeaders: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) replyHeaders[name] = value;
  });
  return { status: answer.status, headers: replyHeaders, body: Buffer.from(await answer.arrayBuffer()) };
}

/** A Route 53 error answer, as Route 53 writes it (XML, HTTP 400 for throttling). */
export function route53Error(code: 'PriorRequestNotComplete' | 'Throttling', message: string): Reply {
  return {
    status: 400,
    headers: { 'content-type': 'text/xml' },
    body: Buffer.from(
      '<?xml version="1.0"?>\n<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">' +
      `<Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>proxy-${Date.now()}</RequestId></ErrorResponse>`,
    ),
  };
}

/**
 * moto writes DMS timestamps as ISO strings ("2026-03-05T10:00:01.123456"), while DMS, an AWS JSON
 * 1.1 service, sends epoch seconds, and the SDK refuses anything else. This turns moto's into DMS's.
 */
export function dmsTimestampsAsEpochSeconds(body: string): string {
  if (!body.startsWith('{')) return body;
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
  return JSON.stringify(
    JSON.parse(body, (_key, value: unknown) => {
      if (typeof value !== 'string' || !iso.test(value)) return value;
      const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
      return Date.parse(zoned) / 1000;
    }),
  );
}
