/**
 * The link from a notification to the cutover's page in the console: `<console-url>/cutovers/<id>`.
 * Added by the worker's notify activity, not by the workflow, so the console's address is worker
 * configuration: it stays out of the run's history and follows the console if it moves.
 */
import type { Notification, NotificationKind } from './providers';

/** The notifications that ask a person to look or to act. */
export const LINKED_KINDS: ReadonlySet<NotificationKind> = new Set(['gate-open', 'paused', 'rollback', 'rollback-escalation']);

export class ConsoleUrlError extends Error {
  override name = 'ConsoleUrlError';
}

/**
 * The console's base URL, checked: http(s), no user or password (it goes into chat messages), no
 * query or fragment (the cutover's path follows it). `source` names the flag (`--console-url`) or the
 * variable (`CUTOVER_CONSOLE_URL=`) it came from.
 */
export function consoleBaseUrl(text: string, source: string): string {
  const said = (shown: string) => (source.endsWith('=') ? `${source}${JSON.stringify(shown)}` : `${source} ${shown}`);
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ConsoleUrlError(`${said(text)} is not a URL: write the console's address, e.g. https://cutover.example.com`);
  }
  const problem =
    url.protocol !== 'https:' && url.protocol !== 'http:'
      ? `is ${url.protocol.slice(0, -1)}, not http or https`
      : url.username || url.password
        ? 'holds a user or password, which every notification would then show'
        : url.search || url.hash
          ? 'has a query or a fragment, after which a cutover path cannot follow'
          : null;
  if (problem) throw new ConsoleUrlError(`${said(`${url.protocol}//${url.host}${url.pathname}`)} ${problem}: write the console's address, e.g. https://cutover.example.com`);
  return url.href.replace(/\/+$/, '');
}

export function consoleLink(base: string, cutover: string): string {
  return `${base}/cutovers/${encodeURIComponent(cutover)}`;
}

/** The notification with its link, when a console is configured and the kind asks a person to look. */
export function withConsoleLink(notification: Notification, base: string | undefined): Notification {
  return base && LINKED_KINDS.has(notification.kind) ? { ...notification, link: consoleLink(base, notification.cutover) } : notification;
}
