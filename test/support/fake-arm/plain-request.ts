/**
 * One HTTPS request to the fake with nothing of the Azure SDK in between, so a test can show what
 * the fake answers on the wire. Node's built-in fetch cannot be given a CA to trust without undici's
 * Agent (not a dependency here), so this uses node:https with the fake's certificate.
 */
import https from 'node:https';

export interface PlainRequest {
  method?: string;
  /** Path and query, e.g. /subscriptions/.../CNAME/orders?api-version=2018-05-01 */
  path: string;
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface PlainAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export function plainRequest(base: { url: string; ca: string }, request: PlainRequest): Promise<PlainAnswer> {
  const url = new URL(request.path, base.url);
  const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(request.token && { authorization: `Bearer ${request.token}` }),
    ...(payload !== undefined && { 'content-type': 'application/json' }),
    ...request.headers,
  };
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method: request.method ?? 'GET', headers, ca: base.ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
