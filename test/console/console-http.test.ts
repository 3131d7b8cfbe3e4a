import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { buildConsole } from '../../client/console/server';
import type { CutoverSource } from '../../client/console/source';
import { cutoverSuite, waitForStatus } from '../support/harness';
import { fastCloud, fastRunbook } from '../support/runbooks';
import { startConsole, type RunningConsole } from './support';

/** These endpoints never read a cutover: a source that is used fails the test. */
const unused: CutoverSource = {
  list: () => Promise.reject(new Error('the list was read')),
  snapshot: () => Promise.reject(new Error('a cutover was read')),
};

const EXAMPLE = readFileSync(path.join(__dirname, '..', '..', 'examples', 'orders-cutover.yaml'), 'utf8');

/**
 * Over a real loopback socket rather than fastify's inject: inject loads light-my-request, whose
 * cookie dependency is an ES module that Jest's CommonJS runtime cannot require.
 */
describe('the console over HTTP, without Temporal', () => {
  const app = buildConsole({ source: unused, loopbackOnly: true });
  let base = '';
  beforeAll(async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(() => app.close());
  const send = async (url: string, init: { method?: string; headers?: Record<string, string>; payload?: unknown } = {}) => {
    const body = init.payload === undefined ? undefined : typeof init.payload === 'string' ? init.payload : JSON.stringify(init.payload);
    const headers = { ...(typeof init.payload === 'object' ? { 'content-type': 'application/json' } : {}), ...init.headers };
    const answer = await fetch(`${base}${url}`, { method: init.method ?? 'GET', headers, body });
    const text = await answer.text();
    return { statusCode: answer.status, headers: Object.fromEntries(answer.headers), body: text, json: () => JSON.parse(text) };
  };

  it('plans a pasted runbook as `cutover plan` does, touching nothing', async () => {
    const answer = await send('/api/plan', { method: 'POST', headers: { 'content-type': 'application/yaml' }, payload: EXAMPLE });

    expect(answer.statusCode).toBe(200);
    const { plan } = answer.json();
    expect(plan.name).toBe('orders-cutover');
    expect(plan.steps.map((step: { phase: string }) => step.phase)).toEqual(expect.arrayContaining(['preflight', 'replication', 'canary 1/4']));
  });

  it("lists a runbook's problems with their field paths and lines", async () => {
    const broken = EXAMPLE.replace(/rpo: .*/, 'rpo: soon').replace(/weight: 5\b/, 'weight: 500');
    const answer = await send('/api/plan', { method: 'POST', headers: { 'content-type': 'text/plain' }, payload: broken });

    expect(answer.statusCode).toBe(422);
    const { problems } = answer.json();
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'rpo', line: expect.any(Number) })]));
  });

  it('refuses a plan sent as something other than text', async () => {
    const answer = await send('/api/plan', { method: 'POST', payload: { runbook: EXAMPLE } });

    expect(answer.statusCode).toBe(415);
    expect(answer.json().hint).toContain('application/yaml');
  });

  it.each(['approve', 'reject', 'pause', 'resume', 'abort'])('refuses to %s while sign-in is not configured', async (decision) => {
    const answer = await send(`/api/cutovers/orders-1/${decision}`, { method: 'POST', payload: { gate: 'go-live', by: 'mallory' } });

    expect(answer.statusCode).toBe(403);
    expect(answer.json().error).toBe('sign-in is not configured; the console is read-only');
  });

  it('serves the page with a strict content security policy and no sniffing', async () => {
    for (const url of ['/', '/cutovers/orders-1', '/plan', '/static/app.js', '/api/console']) {
      const answer = await send(url);
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
      expect(answer.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
    const page = await send('/');
    expect(page.body).not.toMatch(/<script>|<script [^>]*>[^<]/);
    // The page asks the console whether sign-in is configured; without it, the console says read-only.
    const mode = JSON.parse((await send('/api/console')).body);
    expect(mode).toMatchObject({ readOnly: true, signIn: null, message: 'read-only: sign-in is not configured' });
  });

  it('answers only requests addressed to loopback, so a rebound DNS name cannot read it', async () => {
    const port = (app.server.address() as { port: number }).port;
    const withHost = (host: string) =>
      new Promise<number>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: '/api/console', headers: { host } }, (answer) => {
          answer.resume();
          resolve(answer.statusCode!);
        }).on('error', reject);
      });

    expect(await withHost('attacker.example:8080')).toBe(421);
    expect(await withHost('127.0.0.1.attacker.example')).toBe(421);
    expect(await withHost(`127.0.0.1:${port}`)).toBe(200);
    expect(await withHost(`localhost:${port}`)).toBe(200);
    expect(await withHost(`[::1]:${port}`)).toBe(200);
  });

  it('serves only its own files', async () => {
    for (const file of ['..%2Fserver.ts', '%2E%2E%2F%2E%2E%2Fpackage.json', 'index.html.bak']) {
      expect((await send(`/static/${file}`)).statusCode).toBe(404);
    }
  });
});

describe("the console's API on Temporal, through the CLI's Cutovers", () => {
  const suite = cutoverSuite();
  let running: RunningConsole;
  beforeAll(async () => {
    running = await startConsole();
  });
  afterAll(() => running?.close());
  const get = async (url: string) => {
    const answer = await fetch(`${running.url}${url}`);
    return { status: answer.status, body: (await answer.json()) as Record<string, any> };
  };

  it('lists running and recent cutovers and gives one snapshot as `cutover status --json` does', async () => {
    await suite.startWorker(fastCloud());
    const handle = await suite.start(fastRunbook());
    await handle.result();

    const list = await get('/api/cutovers?limit=100');
    const snapshot = await get(`/api/cutovers/${encodeURIComponent(handle.workflowId)}`);

    expect(list.status).toBe(200);
    expect(list.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: handle.workflowId, outcome: 'completed', startedBy: 'olivia' })]));
    expect(snapshot.status).toBe(200);
    expect(snapshot.body).toEqual(expect.objectContaining({ cutover: handle.workflowId, outcome: 'completed', execution: expect.objectContaining({ status: 'COMPLETED' }) }));
    expect(snapshot.body.timeline.length).toBeGreaterThan(5);
  });

  it('refuses a list limit it will not serve, naming the field', async () => {
    const answer = await get('/api/cutovers?limit=5000');

    expect(answer).toEqual({ status: 400, body: { error: 'limit: expected a whole number from 1 to 100, got "5000"' } });
  });

  it("answers 404 with the CLI's message for an unknown cutover", async () => {
    const answer = await get('/api/cutovers/no-such-cutover');

    expect(answer).toEqual({ status: 404, body: { status: 404, error: expect.stringContaining('no cutover "no-such-cutover" in namespace'), hint: 'see running and recent cutovers with: cutover list' } });
  });

  it('shows where a cutover was when no worker answers, as the CLI does', async () => {
    const worker = await suite.startWorker(fastCloud());
    const handle = await suite.start(fastRunbook({ gates: [{ name: 'half-way', approvers: ['bob'] }], canary: { steps: [{ weight: 20, bake: '500ms', gate: 'half-way' }, { weight: 100, bake: '500ms' }] } }));
    await waitForStatus(handle, (status) => status.openGate?.name === 'half-way');
    await worker.stop();

    const answer = await get(`/api/cutovers/${encodeURIComponent(handle.workflowId)}`);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ outcome: 'running', phase: 'canary' });
    expect(answer.body.noWorker.message).toMatch(new RegExp(`^no worker is polling task queue ${worker.taskQueue} `));
    expect(answer.body.execution.lastKnown).toEqual(expect.objectContaining({ phase: 'canary', openGate: 'half-way' }));
    await handle.terminate('test over');
  });
});
