// Running and recent cutovers, newest first, updated as they change.
import { announce, h, show } from './dom.js';
import { LOST, problem } from './problem.js';
import { dayAndTime, stateClass, stateText } from './format.js';

export function listView(main) {
  document.title = 'Cutovers · Cutover console';
  const body = h('div', { id: 'cutovers', 'aria-busy': 'true' }, h('p', {}, 'Reading cutovers…'));
  show(main, h('h1', {}, 'Cutovers'), body);
  const events = new EventSource('/api/events');
  let first = true;
  events.addEventListener('cutovers', (event) => {
    const cutovers = JSON.parse(event.data);
    body.setAttribute('aria-busy', 'false');
    show(body, cutovers.length === 0 ? h('p', {}, 'No cutovers yet; start one with: cutover start <runbook>') : table(cutovers));
    if (!first) announce(`cutover list updated: ${cutovers.length} cutovers`);
    first = false;
  });
  events.addEventListener('problem', (event) => show(body, problem(JSON.parse(event.data))));
  const lost = problem(LOST);
  // The next list replaces the note with the rest of the body.
  events.addEventListener('error', () => body.prepend(lost));
}

function table(cutovers) {
  return h('table', { class: 'list' },
    h('caption', { class: 'visually-hidden' }, 'Running and recent cutovers, newest first'),
    h('thead', {}, h('tr', {}, ['Cutover', 'State', 'Started by', 'Started'].map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, cutovers.map((cutover) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `/cutovers/${encodeURIComponent(cutover.id)}` }, cutover.id), cutover.runbook ? h('span', { class: 'sub' }, cutover.runbook) : null),
      h('td', {}, h('span', { class: stateClass(cutover.outcome, cutover.execution.status) }, stateText(cutover))),
      h('td', {}, cutover.startedBy ?? '?'),
      h('td', {}, h('time', { datetime: cutover.execution.startTime }, dayAndTime(cutover.execution.startTime))),
    ))),
  );
}
