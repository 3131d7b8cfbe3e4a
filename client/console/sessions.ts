/**
 * Who is signed in to the console, kept in this process's memory only: a restart signs everyone out,
 * and a session ends 8 hours after sign-in whatever happens in between. The browser holds only the
 * session's random id (in a signed cookie); the person's issuer, subject, name and principal stay
 * here, and no token from the provider is kept at all.
 */
import { randomBytes } from 'node:crypto';

export const SESSION_MS = 8 * 60 * 60_000;
/** Time to come back from the provider's login page. */
export const LOGIN_MS = 10 * 60_000;
/** At most this many sign-ins half done at once: a flood of /auth/login cannot fill memory. */
const MAX_PENDING = 1_000;

/** The person, as the console shows and signs for them. */
export interface Person {
  issuer: string;
  subject: string;
  /** What the page calls them: the provider's name claim, else the principal. */
  name: string;
  /** The approver principal they claim (the `--principal-claim`); the worker decides what it may do. */
  principal: string;
}

export interface Session {
  person: Person;
  /** Sent back by the page in a header with every POST. */
  csrf: string;
  expiresAt: number;
}

/** A sign-in between the redirect to the provider and its return, keyed by its `state`. */
export interface PendingLogin {
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  expiresAt: number;
}

function randomId(): string {
  return randomBytes(32).toString('base64url');
}

export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly pending = new Map<string, PendingLogin>();

  constructor(private readonly now: () => number = Date.now) {}

  begin(state: string, login: Omit<PendingLogin, 'expiresAt'>): void {
    this.sweep();
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(state, { ...login, expiresAt: this.now() + LOGIN_MS });
  }

  /** The pending sign-in for `state`, used once. */
  finish(state: string): PendingLogin | null {
    const login = this.pending.get(state);
    this.pending.delete(state);
    return login && login.expiresAt > this.now() ? login : null;
  }

  /** A new session for `person`: its id goes in the cookie. */
  open(person: Person): { id: string; session: Session } {
    this.sweep();
    const session: Session = { person, csrf: randomId(), expiresAt: this.now() + SESSION_MS };
    const id = randomId();
    this.sessions.set(id, session);
    return { id, session };
  }

  get(id: string | null | undefined): Session | null {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return null;
    }
    return session;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
    for (const [state, login] of this.pending) if (login.expiresAt <= now) this.pending.delete(state);
  }
}
