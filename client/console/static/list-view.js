// Running and recent cutovers and waves, newest first, each list updated as it changes.
import { announce, h, show } from './dom.js';
import { LOST, problem } from './problem.js';
import { dayAndTime, stateClass, stateText } from './format.js';

export function listView(main) {
  document.title = 'Cutovers · Cutover console';
  const body = h('div', { id: 'cutovers', 'aria-busy': 'true' }, h('p', {}, 'Reading cutovers…'));
  const waves = h('div', { id: 'waves', 'aria-busy': 'true' }, h('p', {}, 'Reading waves…'));
  show(main, h('h1', {}, 'Cutovers'), body, h('h2', {}, 'Waves'), waves);
  waveList(waves);
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

function waveList(body) {
  const events = new EventSource('/api/waves/events');
  let first = true;
  events.addEventListener('waves', (event) => {
    const waves = JSON.parse(event.data);
    body.setAttribute('aria-busy', 'false');
    show(body, waves.length === 0 ? h('p', {}, 'No waves yet; start one with: cutover wave start <wave file>') : waveTable(waves));
    if (!first) announce(`wave list updated: ${waves.length} waves`);
    first = false;
  });
  events.addEventListener('problem', (event) => show(body, problem(JSON.parse(event.data))));
  const lost = problem(LOST);
  events.addEventListener('error', () => body.prepend(lost));
}

function waveTable(waves) {
  return h('table', { class: 'list waves' },
    h('caption', { class: 'visually-hidden' }, 'Running and recent waves, newest first'),
    h('thead', {}, h('tr', {}, ['Wave', 'State', 'Completed', 'Started'].map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, waves.map((wave) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `/waves/${encodeURIComponent(wave.id)}` }, wave.id), wave.wave ? h('span', { class: 'sub' }, wave.wave) : null),
      h('td', {}, h('span', { class: stateClass(wave.outcome, wave.execution.status) }, waveState(wave))),
      h('td', {}, wave.progress ? `${wave.progress.completed}/${wave.progress.total}` : '?'),
      h('td', {}, h('time', { datetime: wave.execution.startTime }, dayAndTime(wave.execution.startTime))),
    ))),
  );
}

/** Its outcome, with the open gate while it waits at one, or why its status is missing. */
function waveState(wave) {
  if (wave.note) return `${wave.outcome ?? wave.execution.status.toLowerCase()}, ${wave.note}`;
  return `${wave.outcome}${wave.openGate ? `, at gate ${wave.openGate}` : ''}`;
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
