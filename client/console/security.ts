/**
 * The headers every answer carries. The page loads its script and styles from the console only (no
 * inline script, so markup slipped into a cutover's text could not run even if it were ever parsed),
 * cannot be framed, and sends no referrer (a cutover id in a URL stays on the console).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Said by the page and by every decision endpoint until sign-in lands. */
export const READ_ONLY = 'sign-in is not configured; the console is read-only';

/** Loopback addresses and names, as a Host header carries them (without the port). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopback(address: string): boolean {
  return LOOPBACK.has(address.toLowerCase());
}

/**
 * Whether a request's Host header names this machine. A console bound to loopback answers only
 * those: a web page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) gets nothing.
 */
export function hostIsLoopback(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return isLoopback(name);
}
