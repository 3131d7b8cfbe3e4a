// What went wrong, in the words of the CLI's typed errors, with the next step when there is one.
import { h } from './dom.js';

/** The browser reconnects by itself; until it does, the page says that what it shows may be old. */
export const LOST = { error: 'lost the connection to the console; reconnecting…', hint: 'what is shown may be out of date' };

export function problem(found) {
  return h('div', { class: 'problem', role: 'alert' }, h('p', {}, found.error), found.hint ? h('p', { class: 'hint' }, found.hint) : null);
}
