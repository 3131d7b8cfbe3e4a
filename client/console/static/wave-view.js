// One wave, live: its outcome and progress, one row per application (each linking to its cutover's
// page), the wave's own open gate with the command that decides it, and the wave's timeline.
import { announce, facts, h, show } from './dom.js';
import { clock, stateClass } from './format.js';
import { weightBar } from './chart.js';
import { LOST, problem } from './problem.js';

export function waveView(main, id) {
  document.title = `wave ${id} · Cutover console`;
  const body = h('div', { id: 'wave', 'aria-busy': 'true' }, h('p', {}, 'Reading the wave…'));
  show(main, h('h1', {}, `Wave ${id}`), body);
  let last = null;
  let said = '';
  const render = (found) => {
    body.setAttribute('aria-busy', 'false');
    show(body, found ? problem(found) : null, last === null ? null : wave(last));
  };
  const events = new EventSource(`/api/waves/${encodeURIComponent(id)}/events`);
  events.addEventListener('snapshot', (event) => {
    last = JSON.parse(event.data);
    render(null);
    const now = progress(last);
    if (now !== said) announce(now);
    said = now;
    if (last.execution.status !== 'RUNNING') events.close();
  });
  events.addEventListener('problem', (event) => render(JSON.parse(event.data)));
  events.addEventListener('error', () => render(LOST));
}

/** "2 of 3 applications completed". */
function completed(snapshot) {
  const apps = snapshot.applications;
  return `${apps.filter((app) => app.state === 'completed').length} of ${apps.length} applications completed`;
}

/** What the live region says: the count, with how the wave ended once it has. */
function progress(snapshot) {
  const outcome = snapshot.status?.outcome ?? snapshot.execution.status.toLowerCase();
  return outcome === 'running' ? completed(snapshot) : `wave ${outcome}, ${completed(snapshot)}`;
}

function wave(snapshot) {
  const status = snapshot.status;
  const outcome = status?.outcome ?? snapshot.execution.status.toLowerCase();
  return [
    h('p', { class: 'headline' },
      h('span', { class: stateClass(status ? outcome : null, snapshot.execution.status) }, outcome),
      status ? ` · ${status.wave} · started ${clock(status.startedAt)} by ${status.startedBy}${status.endedAt ? ` · ended ${clock(status.endedAt)}` : ''}` : ''),
    snapshot.noWorker ? h('div', { class: 'problem', role: 'alert' }, h('p', {}, snapshot.noWorker.message)) : null,
    status ? [
      status.description ? h('p', { class: 'description' }, status.description) : null,
      h('p', {}, completed(snapshot), ` · up to ${status.maxParallel} at once, stop after ${status.blastRadius.stopAfter} rollback${status.blastRadius.stopAfter === 1 ? '' : 's'}`),
      status.outcome !== 'running' && status.reason ? h('p', { class: 'reason' }, `ended: ${status.reason}`) : null,
      status.paused ? h('p', { class: 'problem' }, `Paused by ${status.paused.by} since ${clock(status.paused.since)}: ${status.paused.reason}; running applications go on`) : null,
      status.stop ? h('p', { class: 'problem' }, `No new application starts: ${status.stop.reason}`) : null,
      status.openGate ? waveGate(snapshot.id, status.openGate) : null,
      applications(snapshot.applications),
      timeline(status.timeline),
    ] : h('p', {}, `The wave is ${snapshot.execution.status.toLowerCase()} and left no status.`),
  ];
}

/** The wave's own gate (start or sign-off): read-only here, decided from a terminal. */
function waveGate(id, gate) {
  const required = gate.required ?? 1;
  const given = gate.approvals ?? [];
  return h('section', { class: 'panel gate', 'aria-labelledby': 'wave-gate-title' },
    h('h2', { id: 'wave-gate-title' }, `Wave gate “${gate.name}” (${gate.role === 'start' ? 'before any application starts' : 'sign-off'}) is open`),
    facts([
      ['may decide', gate.approvers.join(', ')],
      ['approvals', required > 1 ? `${given.length} of ${required}` : null],
      ['open since', clock(gate.openedAt)],
      ['decide by', gate.deadline ? clock(gate.deadline) : 'no deadline'],
    ]),
    h('p', { class: 'decide-note' }, 'A wave gate is decided from a terminal: ',
      h('code', {}, `cutover wave approve ${id} --gate ${gate.name}`), ' or ', h('code', {}, `cutover wave reject ${id} --gate ${gate.name} --reason "…"`)));
}

function applications(apps) {
  return h('section', { class: 'panel', 'aria-labelledby': 'applications-title' }, h('h2', { id: 'applications-title' }, 'Applications'),
    h('table', { class: 'list applications' },
      h('thead', {}, h('tr', {}, ['Application', 'State', 'Phase', 'Traffic', 'Gate or outcome'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, apps.map((app) => h('tr', { 'data-application': app.name },
        h('th', { scope: 'row' }, app.startedAt ? h('a', { href: `/cutovers/${encodeURIComponent(app.id)}` }, app.name) : app.name, h('span', { class: 'sub' }, app.id)),
        h('td', { 'data-label': 'State' }, h('span', { class: appStateClass(app.state) }, app.state)),
        h('td', { 'data-label': 'Phase' }, app.phase ?? '—'),
        h('td', { 'data-label': 'Traffic' }, app.weights ? weightBar(app.weights) : '—'),
        h('td', { 'data-label': 'Gate or outcome' }, lastColumn(app)))))));
}

/** The open gate and who may decide it, or why it ended as it did (skipped because X, not started: Y). */
function lastColumn(app) {
  if (app.openGate) return `gate ${app.openGate.name} open: ${app.openGate.approvers.join(', ')} may decide`;
  if (app.note) return app.note;
  if (app.state === 'waiting') return app.after.length ? `after ${app.after.join(', ')}` : 'not started yet';
  if (app.state === 'running') return '—';
  return app.reason ?? '—';
}

function appStateClass(state) {
  if (state === 'completed') return 'state good';
  if (state === 'running' || state === 'waiting') return 'state going';
  return 'state bad';
}

function timeline(entries) {
  return h('section', { class: 'panel', 'aria-labelledby': 'wave-timeline-title' }, h('h2', { id: 'wave-timeline-title' }, 'Timeline'),
    h('ol', { class: 'timeline' }, entries.map((entry) => h('li', { class: `kind-${entry.kind}`, value: entry.seq },
      h('time', { datetime: entry.at }, clock(entry.at)), ' ',
      h('span', { class: 'tag' }, entry.application ? `${entry.application} · ${entry.kind}` : entry.kind), ' ',
      h('span', { class: 'message' }, entry.message),
      entry.by ? h('span', { class: 'by' }, ` — ${entry.by}`) : null))));
}
