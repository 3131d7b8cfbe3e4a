/**
 * The console's sign-in routes and the session every request carries:
 *
 *   GET  /auth/login[?return=/path]   to the provider's login page (code flow, PKCE, state, nonce)
 *   GET  /auth/callback               back from the provider: a session, then the page signed in from
 *   POST /auth/logout                 ends the session (CSRF token required)
 *
 * The session cookie is signed, HttpOnly, SameSite=Lax, and Secure when the console's public URL is
 * https. Every POST from a signed-in browser must carry the session's CSRF token in `x-csrf-token`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { redirectUri, SignInRefusedError, type SignInProvider } from './sign-in';
import { LOGIN_MS, SESSION_MS, Sessions, type Session } from './sessions';

const SESSION_COOKIE = 'cutover_session';
/** Ties the provider's answer to the browser that asked for it: a sign-in started elsewhere cannot land here. */
const LOGIN_COOKIE = 'cutover_login';
export const CSRF_HEADER = 'x-csrf-token';

export interface SignInRoutes {
  /** The session of this request, or null when signed out. */
  session(request: FastifyRequest): Session | null;
}

function sameToken(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const [left, right] = [Buffer.from(sent), Buffer.from(expected)];
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Only a path on this console: `//elsewhere` or `https://…` would make the sign-in an open redirect. */
function returnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/';
}

function page(reply: FastifyReply, status: number, title: string, text: string): FastifyReply {
  const escape = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return reply.code(status).type('text/html; charset=utf-8').send(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title><link rel="stylesheet" href="/static/console.css"></head>` +
    `<body><main><h1>${escape(title)}</h1><p>${escape(text)}</p><p><a href="/auth/login">Sign in again</a> · <a href="/">Back to the console</a></p></main></body></html>`,
  );
}

export function registerSignIn(app: FastifyInstance, options: { provider: SignInProvider; publicUrl: string; logError?: (err: unknown) => void }): SignInRoutes {
  const sessions = new Sessions();
  const secure = new URL(options.publicUrl).protocol === 'https:';
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, signed: true };
  // Sessions live in memory, so a secret of this process's own is enough: a restart signs everyone out anyway.
  app.register(cookie, { secret: randomBytes(32), hook: 'onRequest' });

  const cookieValue = (request: FastifyRequest, name: string): string | null => {
    const raw = request.cookies[name];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid ? unsigned.value : null;
  };
  const session = (request: FastifyRequest) => sessions.get(cookieValue(request, SESSION_COOKIE));

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST') return;
    const current = session(request);
    if (current && !sameToken(request.headers[CSRF_HEADER], current.csrf)) {
      return reply.code(403).send({ error: `this request carries no valid CSRF token (header ${CSRF_HEADER})`, hint: 'reload the console page and try again' });
    }
  });

  app.get<{ Querystring: { return?: string } }>('/auth/login', async (request, reply) => {
    const { url, checks } = await options.provider.start();
    sessions.begin(checks.state, { codeVerifier: checks.codeVerifier, nonce: checks.nonce, returnTo: returnPath(request.query.return) });
    reply.setCookie(LOGIN_COOKIE, checks.state, { ...cookieOptions, path: '/auth', maxAge: LOGIN_MS / 1000 });
    return reply.redirect(url.href, 303);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/auth/callback', async (request, reply) => {
    const state = request.query.state;
    const expected = cookieValue(request, LOGIN_COOKIE);
    reply.clearCookie(LOGIN_COOKIE, { path: '/auth' });
    const login = state && expected && sameToken(state, expected) ? sessions.finish(state) : null;
    if (!state || !login) return page(reply, 400, 'Sign-in not completed', 'This sign-in was not started from this browser, or took longer than 10 minutes.');
    const callback = new URL(redirectUri(options.publicUrl));
    callback.search = new URL(request.url, 'http://console').search;
    try {
      const person = await options.provider.finish(callback, { state, nonce: login.nonce, codeVerifier: login.codeVerifier });
      const opened = sessions.open(person);
      reply.setCookie(SESSION_COOKIE, opened.id, { ...cookieOptions, maxAge: SESSION_MS / 1000 });
      return reply.redirect(login.returnTo, 303);
    } catch (err) {
      if (err instanceof SignInRefusedError) return page(reply, 403, 'Signed in, but not for the console', err.message);
      // The provider's or the network's words may carry internals: the log has them, the page says where to look.
      options.logError?.(err);
      return page(reply, 502, 'Sign-in failed', 'The identity provider did not complete the sign-in; the console\'s log says why.');
    }
  });

  app.post('/auth/logout', async (request, reply) => {
    const id = cookieValue(request, SESSION_COOKIE);
    if (id) sessions.close(id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  return { session };
}
