// Who is signed in, from /api/console: the line under the header (sign in, or who and sign out), and
// POSTs that carry the session's CSRF token. The token is read from the console's own API, never
// from a cookie (the session cookie is HttpOnly).
import { h, show } from './dom.js';

let current = { readOnly: true, signIn: null };

export async function loadSession() {
  try {
    const answer = await fetch('/api/console');
    if (answer.ok) current = await answer.json();
  } catch {
    // The page still shows; deciding waits for the console to answer again.
  }
  const mode = document.getElementById('mode');
  if (current.readOnly) {
    mode.textContent = 'read-only: sign-in is not configured';
    return;
  }
  mode.className = 'session';
  const person = current.signIn.person;
  if (!person) {
    show(mode, 'Signed out: you can look; deciding needs sign-in. ',
      h('a', { href: `/auth/login?return=${encodeURIComponent(window.location.pathname)}` }, 'Sign in'));
    return;
  }
  const signOut = h('button', { type: 'button', class: 'link' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    await post('/auth/logout');
    window.location.reload();
  });
  show(mode, 'Signed in as ', h('strong', {}, person.name), ` (${person.principal}) `, signOut);
}

export function isReadOnly() {
  return current.readOnly;
}

/** The signed-in person ({ name, principal, subject, issuer }), or null. */
export function signedIn() {
  return current.signIn?.person ?? null;
}

export function csrfHeaders() {
  return current.signIn?.csrf ? { 'x-csrf-token': current.signIn.csrf } : {};
}

/** POSTs `body` as JSON; the answer's body, and whether it was accepted. */
export async function post(path, body = {}) {
  try {
    const answer = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', ...csrfHeaders() }, body: JSON.stringify(body) });
    const value = answer.status === 204 ? {} : await answer.json().catch(() => ({ error: `the console answered ${answer.status}` }));
    return { ok: answer.ok, value };
  } catch {
    return { ok: false, value: { error: 'the console did not answer; nothing was decided', hint: 'check the connection and try again' } };
  }
}
