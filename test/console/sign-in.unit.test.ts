import { decisionRequestOf } from '../../client/console/decision-request';
import { LOGIN_MS, SESSION_MS, Sessions } from '../../client/console/sessions';
import { SECRET_VARIABLE, signInConfigOf } from '../../client/console/sign-in-config';
import { personOf, redirectUri, SignInRefusedError } from '../../client/console/sign-in';

const ISSUER = 'https://login.example.com';
const SHOWN = `sha256:${'a'.repeat(64)}`;

describe('the person the console signs for', () => {
  it('takes the principal from the configured claim and keeps issuer, subject and name', () => {
    expect(personOf({ sub: '00u1', preferred_username: 'bob', name: 'Bob Okafor' }, ISSUER, 'preferred_username')).toEqual({ issuer: ISSUER, subject: '00u1', name: 'Bob Okafor', principal: 'bob' });
    expect(personOf({ sub: '00u1', email: 'bob@example.com' }, ISSUER, 'email')).toMatchObject({ principal: 'bob@example.com', name: 'bob@example.com' });
  });

  it('refuses a sign-in whose principal claim is missing or not a principal, naming the claim', () => {
    expect(() => personOf({ sub: '00u1' }, ISSUER, 'preferred_username')).toThrow(new SignInRefusedError('the provider sent no "preferred_username" claim for this person: ask its administrator to release it, or start the console with another --principal-claim'));
    expect(() => personOf({ sub: '00u1', preferred_username: 'bob smith' }, ISSUER, 'preferred_username')).toThrow(/"preferred_username" claim "bob smith" is not a principal/);
    expect(() => personOf({ preferred_username: 'bob' }, ISSUER, 'preferred_username')).toThrow(/no subject/);
  });

  it('shows a name with control or bidi characters escaped', () => {
    expect(personOf({ sub: 's', preferred_username: 'bob', name: 'Bob\u202e' }, ISSUER, 'preferred_username').name).toBe('Bob\\u202e');
  });

  it('sends the person back to <public url>/auth/callback', () => {
    expect(redirectUri('https://cutover.example.com/')).toBe('https://cutover.example.com/auth/callback');
  });
});

describe('console sessions', () => {
  it('end 8 hours after sign-in, and a pending sign-in is used once within 10 minutes', () => {
    let now = 0;
    const sessions = new Sessions(() => now);
    const { id, session } = sessions.open({ issuer: ISSUER, subject: 's', name: 'Bob', principal: 'bob' });
    expect(session.csrf).toMatch(/^[\w-]{43}$/);
    now = SESSION_MS - 1;
    expect(sessions.get(id)).toBe(session);
    now = SESSION_MS;
    expect(sessions.get(id)).toBeNull();

    sessions.begin('state-1', { codeVerifier: 'v', nonce: 'n', returnTo: '/' });
    expect(sessions.finish('state-1')).toMatchObject({ nonce: 'n' });
    expect(sessions.finish('state-1')).toBeNull();
    sessions.begin('state-2', { codeVerifier: 'v', nonce: 'n', returnTo: '/' });
    now += LOGIN_MS;
    expect(sessions.finish('state-2')).toBeNull();
  });
});

describe('sign-in settings', () => {
  const flags = { oidcIssuer: ISSUER, oidcClientId: 'cutover-console', publicUrl: 'https://cutover.example.com/', signingKey: '/etc/cutover/console_ed25519' };

  it('are all given, the secret from the environment, or the console is read-only', () => {
    expect(signInConfigOf({}, {})).toEqual({ config: null });
    expect(signInConfigOf(flags, { [SECRET_VARIABLE]: 's3cret' })).toEqual({ config: { issuer: ISSUER, clientId: 'cutover-console', clientSecret: 's3cret', publicUrl: 'https://cutover.example.com', principalClaim: 'preferred_username', signingKey: '/etc/cutover/console_ed25519' } });
  });

  it('name every missing or wrong flag, and never take plain http off this machine', () => {
    const result = signInConfigOf({ oidcIssuer: 'http://login.example.com' }, {});
    expect(result).toEqual({ problems: [
      '--oidc-issuer http://login.example.com: use https (plain http only on 127.0.0.1 or localhost, for a trial)',
      '--oidc-client-id is missing: the client id the provider gave the console',
      `${SECRET_VARIABLE} is not set: put the client secret in the environment (never on the command line)`,
      expect.stringMatching(/^--public-url is missing/),
      expect.stringMatching(/^--signing-key is missing/),
    ] });
    expect(signInConfigOf({ ...flags, oidcIssuer: 'http://127.0.0.1:8080' }, { [SECRET_VARIABLE]: 's' })).toHaveProperty('config');
    expect(signInConfigOf({ signingKey: 'k' }, {})).toHaveProperty('problems');
  });
});

describe('a decision asked for from the page', () => {
  it('is made for the signed-in principal, whatever name the page sends', () => {
    expect(decisionRequestOf('approve', { gate: 'half-way', shown: SHOWN, by: 'mallory', comment: ' go ' }, 'bob')).toEqual({ decision: { kind: 'approve', request: { gate: 'half-way', by: 'bob', comment: 'go' } }, shown: SHOWN });
    expect(decisionRequestOf('pause', {}, 'bob')).toEqual({ decision: { kind: 'pause', request: { by: 'bob' } }, shown: null });
  });

  it('is refused naming the field when a reason is missing, the gate unnamed or the text unsafe', () => {
    expect(decisionRequestOf('reject', { gate: 'half-way', reason: ' ' }, 'bob')).toEqual({ problem: 'reason: say why; it is recorded with the decision' });
    expect(decisionRequestOf('abort', {}, 'bob')).toEqual({ problem: 'reason: say why; it is recorded with the decision' });
    expect(decisionRequestOf('approve', {}, 'bob')).toEqual({ problem: 'gate: name the gate to decide' });
    expect(decisionRequestOf('approve', { gate: 'g', comment: 'ok\u202e' }, 'bob')).toEqual({ problem: expect.stringMatching(/^comment contains/) });
    expect(decisionRequestOf('approve', { gate: 'g', shown: 'x' }, 'bob')).toEqual({ problem: 'shown: expected sha256: and 64 hex digits' });
  });
});
