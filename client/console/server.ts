/**
 * `cutover console`: a fastify server for one page and a JSON API over the CLI's own `Cutovers`.
 * Read-only unless sign-in is configured; then a signed-in person decides as themselves, the console
 * signing for them (sign-in-routes.ts, decisions.ts).
 *
 *   GET  /api/cutovers[?limit=n]    running and recent cutovers, as `cutover list --json`
 *   GET  /api/cutovers/:id          one cutover's snapshot, as `cutover status --json`
 *   GET  /api/events                server-sent events: the list, when it changes
 *   GET  /api/cutovers/:id/events   server-sent events: the snapshot, when it changes
 *   GET  /api/waves[?limit=n]       running and recent waves, with progress and outcome
 *   GET  /api/waves/:id             one wave's snapshot, as `cutover wave status --json`
 *   GET  /api/waves/events          server-sent events: the list of waves, when it changes
 *   GET  /api/waves/:id/events      server-sent events: the wave's snapshot, when it changes
 *   GET  /api/leases                who holds which resource now, as `cutover leases --json`
 *   POST /api/plan                  a runbook's YAML in the body: its plan, or its problems; touches nothing
 *   GET  /api/console               read-only or not, and who is signed in (with their CSRF token)
 *   POST /api/cutovers/:id/{approve,reject,pause,resume,abort}   signed in only (403 otherwise)
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { LIMITS } from '../../workflows/runbook/limits';
import { validateRunbookText } from '../runbook/load';
import { planOf } from '../runbook/plan';
import { safeJson } from '../render/safe';
import { statusJson } from '../commands/status';
import { Feeds, type Feed, type Sleep } from './feeds';
import { problemOf } from './problems';
import { NotFoundError } from '../errors';
import { hostIsLoopback, READ_ONLY, SECURITY_HEADERS } from './security';
import { decideAsPerson, type DecisionTarget } from './decisions';
import { DECISION_KINDS } from './decision-request';
import { registerSignIn, type SignInRoutes } from './sign-in-routes';
import type { ListedLease } from '../leases';
import type { SignInProvider } from './sign-in';
import type { KeyChoice } from '../signing/sign-decision';
import type { CutoverSource, WaveSource } from './source';
import { loadStaticFiles } from './static-files';

export interface ConsoleOptions {
  source: CutoverSource;
  /** The waves, read through the CLI's own `Waves`; without it the console shows cutovers only. */
  waves?: WaveSource;
  /** Who holds which resource now (client/leases.ts); without it /api/leases answers 404. */
  leases?: () => Promise<ListedLease[]>;
  /** How often a watched cutover (or the list) is read from Temporal while someone views it. */
  pollIntervalMs?: number;
  listLimit?: number;
  /** Where unexpected errors go (their details stay out of the answers). */
  logError?: (err: unknown) => void;
  sleep?: Sleep;
  /** Answer only requests whose Host header is a loopback name: set when the console listens on loopback. */
  loopbackOnly?: boolean;
  /** Sign-in and decisions; without it the console is read-only. */
  signIn?: ConsoleSignIn;
}

export interface ConsoleSignIn {
  provider: SignInProvider;
  /** The console's own key: it signs every decision made here, vouching for the person. */
  key: KeyChoice;
  /** Where people reach the console: the redirect URI is `<publicUrl>/auth/callback`. */
  publicUrl: string;
  decisions: DecisionTarget;
}

export const DEFAULT_POLL_INTERVAL_MS = 1_000;
const DEFAULT_LIST_LIMIT = 20;
/** Each running cutover listed is asked for its phase: a longer list is `cutover list`'s job. */
const MAX_LIST_LIMIT = 100;
/** A comment line now and then keeps proxies from closing an idle event stream. */
const KEEP_ALIVE_MS = 20_000;
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

export function buildConsole(options: ConsoleOptions): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 64 * 1024 });
  const listLimit = options.listLimit ?? DEFAULT_LIST_LIMIT;
  const feeds = new Feeds(options.source, { intervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, listLimit, sleep: options.sleep });
  const { page, files } = loadStaticFiles();

  if (options.loopbackOnly) {
    app.addHook('onRequest', async (request, reply) => {
      if (!hostIsLoopback(request.headers.host)) {
        return reply.code(421).send({ error: 'this console answers only on 127.0.0.1 or localhost', hint: 'open it at http://127.0.0.1:<port>/, or listen on another address with --host' });
      }
    });
  }
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  app.addHook('onClose', () => feeds.close());
  app.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.setErrorHandler((err: Error & { statusCode?: number }, _request, reply) => {
    if (err.statusCode && err.statusCode < 500) return reply.code(err.statusCode).send({ error: err.message });
    const problem = problemOf(err);
    // An unknown id or an unreachable Temporal is an answer, not a fault of the console.
    if (problem.status === 500) options.logError?.(err);
    return reply.code(problem.status).send(problem);
  });

  for (const path of ['/', '/cutovers/:id', '/waves/:id', '/plan']) {
    app.get(path, (_request, reply) => reply.type(page.type).send(page.body));
  }
  app.get<{ Params: { file: string } }>('/static/:file', (request, reply) => {
    const file = files.get(request.params.file);
    if (!file) return reply.code(404).send({ error: `no file ${request.params.file} in the console` });
    return reply.type(file.type).header('cache-control', 'no-cache').send(file.body);
  });

  const signIn = options.signIn;
  const routes: SignInRoutes | null = signIn ? registerSignIn(app, { provider: signIn.provider, publicUrl: signIn.publicUrl, logError: options.logError }) : null;
  app.get('/api/console', (request) => {
    if (!signIn || !routes) return { readOnly: true, signIn: null, message: `read-only: ${READ_ONLY.split('; ')[0]}` };
    const session = routes.session(request);
    // Only who the person is leaves the session: never a token from the provider.
    return { readOnly: false, signIn: { issuer: signIn.provider.issuer, person: session?.person ?? null, csrf: session?.csrf ?? null } };
  });

  const limitOf = (request: FastifyRequest<{ Querystring: { limit?: string } }>, reply: FastifyReply): number | null => {
    const limit = request.query.limit === undefined ? listLimit : Number(request.query.limit);
    if (Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIST_LIMIT) return limit;
    void reply.code(400).send({ error: `limit: expected a whole number from 1 to ${MAX_LIST_LIMIT}, got ${JSON.stringify(request.query.limit)}` });
    return null;
  };
  app.get<{ Querystring: { limit?: string } }>('/api/cutovers', async (request, reply) => {
    const limit = limitOf(request, reply);
    return limit === null ? reply : json(reply, await options.source.list(limit));
  });
  app.get<{ Params: { id: string } }>('/api/cutovers/:id', async (request, reply) => json(reply, statusJson(await options.source.snapshot(request.params.id))));
  app.get('/api/events', (request, reply) => stream(request, reply, feeds.list(), 'cutovers'));
  app.get<{ Params: { id: string } }>('/api/cutovers/:id/events', (request, reply) => stream(request, reply, feeds.cutover(request.params.id), 'snapshot'));

  const waves = options.waves;
  // Without waves the lists are empty and a wave is not found, so one page serves both kinds of console.
  app.get<{ Querystring: { limit?: string } }>('/api/waves', async (request, reply) => {
    const limit = limitOf(request, reply);
    return limit === null ? reply : json(reply, waves ? await waves.list(limit) : []);
  });
  app.get<{ Params: { id: string } }>('/api/waves/:id', async (request, reply) => json(reply, await waveSource(waves, request.params.id).snapshot(request.params.id)));
  app.get('/api/waves/events', (request, reply) => (waves ? stream(request, reply, feeds.waveList(waves), 'waves') : emptyStream(reply, 'waves')));
  app.get<{ Params: { id: string } }>('/api/waves/:id/events', (request, reply) => stream(request, reply, feeds.wave(waveSource(waves, request.params.id), request.params.id), 'snapshot'));

  app.get('/api/leases', async (_request, reply) => {
    if (!options.leases) return reply.code(404).send({ error: 'this console does not list leases', hint: 'cutover leases' });
    return json(reply, await options.leases());
  });

  app.post<{ Body: unknown }>('/api/plan', { bodyLimit: LIMITS.fileBytes + 64 * 1024 }, (request, reply) => {
    if (typeof request.body !== 'string') {
      return reply.code(415).send({ error: 'send the runbook as YAML text', hint: 'Content-Type: application/yaml (or text/plain), the file as the body' });
    }
    const result = validateRunbookText(request.body, 'pasted runbook');
    if (!result.ok) return json(reply.code(422), { problems: result.problems });
    return json(reply, { plan: planOf(result.runbook) });
  });

  for (const kind of DECISION_KINDS) {
    app.post<{ Params: { id: string }; Body: unknown }>(`/api/cutovers/:id/${kind}`, async (request, reply) => {
      if (!signIn || !routes) return reply.code(403).send({ error: READ_ONLY, hint: `${kind} from the command line: cutover ${kind} <id> …` });
      const session = routes.session(request);
      if (!session) return reply.code(403).send({ error: `sign in to ${kind}`, hint: 'sign in from the top of the page, then decide again' });
      return json(reply, await decideAsPerson(signIn.decisions, signIn.key, session.person, request.params.id, kind, request.body));
    });
  }
  return app;
}

/** JSON with DEL, C1, bidi and zero-width characters as \u escapes, as the CLI's --json writes it. */
function json(reply: FastifyReply, value: unknown): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(safeJson(value));
}

function waveSource(waves: WaveSource | undefined, id: string): WaveSource {
  if (!waves) throw new NotFoundError(`no wave "${id}": this console shows cutovers only`, 'see every cutover at /');
  return waves;
}

function emptyStream(reply: FastifyReply, event: string): void {
  reply.hijack();
  reply.raw.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
  reply.raw.end(`retry: 3000\n\nevent: ${event}\ndata: []\n\n`);
}

function stream(_request: FastifyRequest, reply: FastifyReply, feed: Feed, event: string): void {
  reply.hijack();
  const response = reply.raw;
  response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  response.write('retry: 3000\n\n');
  const unsubscribe = feed.subscribe((update) => {
    const [name, data] = update.kind === 'value' ? [event, update.value] : ['problem', update.problem];
    // One line of JSON: JSON.stringify escapes line breaks inside strings, which would end an event.
    response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  });
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  response.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}
