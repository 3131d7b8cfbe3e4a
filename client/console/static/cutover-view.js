// One cutover, live: phase and step, weights, writes, lag against the RPO, queues, metrics with their
// recent samples, the open gate, the rollback reason and the whole timeline.
import { announce, facts, h, show } from './dom.js';
import { clock, driftText, duration, number, stateClass } from './format.js';
import { sparkline, weightBar } from './chart.js';
import { gatePanel } from './gate-panel.js';
import { controlForm, gateForm } from './decide-panel.js';
import { isReadOnly, signedIn } from './session.js';
import { LOST, problem } from './problem.js';

/** Samples kept per metric for its chart: the status has only the latest, so the page keeps the rest. */
const HISTORY = 60;

export function cutoverView(main, id) {
  document.title = `${id} · Cutover console`;
  const body = h('div', { id: 'cutover', 'aria-busy': 'true' }, h('p', {}, 'Reading the cutover…'));
  show(main, h('h1', {}, id), body);
  const history = new Map();
  const decide = decisions(id);
  let said = '';
  let last = null;
  const render = (found) => {
    body.setAttribute('aria-busy', 'false');
    // The forms are kept across renders; a re-render must not take away the field someone is typing in.
    const active = document.activeElement;
    const selection = active && 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : null;
    // A passing problem (Temporal unreachable for a moment) is shown above what was last known, not instead of it.
    show(body, found ? problem(found) : null, last === null ? null : last.outcome === null || last.noWorker ? withoutStatus(last) : withStatus(last, history, decide));
    if (active && active !== document.activeElement && body.contains(active)) {
      active.focus();
      if (selection) active.setSelectionRange(...selection);
    }
  };
  const events = new EventSource(`/api/cutovers/${encodeURIComponent(id)}/events`);
  events.addEventListener('snapshot', (event) => {
    last = JSON.parse(event.data);
    remember(history, last.metrics ?? {});
    render(null);
    const now = summary(last);
    if (now !== said) announce(now);
    said = now;
    // A finished run does not change again; the server has stopped reading it too.
    if (last.execution.status !== 'RUNNING') events.close();
  });
  events.addEventListener('problem', (event) => render(JSON.parse(event.data)));
  events.addEventListener('error', () => render(LOST));
}

function remember(history, metrics) {
  for (const [name, metric] of Object.entries(metrics)) {
    if (metric.at === null || metric.value === null) continue;
    const samples = history.get(name) ?? [];
    if (samples.at(-1)?.at !== metric.at) samples.push({ at: metric.at, value: metric.value });
    history.set(name, samples.slice(-HISTORY));
  }
}

/** What the live region says when it changes: the phase, step and gate, or the outcome. */
function summary(snapshot) {
  if (snapshot.outcome && snapshot.outcome !== 'running') return `cutover ${snapshot.outcome}`;
  if (snapshot.noWorker) return snapshot.noWorker.message;
  const step = snapshot.step ? `, step ${snapshot.step.index} of ${snapshot.step.total}` : '';
  return `${snapshot.phase ?? 'running'}${step}${snapshot.openGate ? `, gate ${snapshot.openGate.name} open` : ''}`;
}

/** A run with no status of its own: no worker answered (its last known state), or it ended without one. */
function withoutStatus(snapshot) {
  const known = snapshot.execution.lastKnown;
  return [
    h('p', { class: stateClass(null, snapshot.execution.status) }, snapshot.execution.status.toLowerCase()),
    snapshot.noWorker ? h('div', { class: 'problem', role: 'alert' }, h('p', {}, snapshot.noWorker.message), h('p', { class: 'hint' }, 'Nothing moves and nothing is analysed until a worker polls again: start one with cutover worker.')) : null,
    known ? h('section', { class: 'panel' }, h('h2', {}, `Last known, at ${clock(known.at)}`),
      facts([['phase', known.phase], ['step', known.step ? `${known.step.index}/${known.step.total}` : null], ['open gate', known.openGate], ['paused', known.paused ? 'yes' : null]]),
      known.weights ? weightBar(known.weights) : null) : null,
  ];
}

/** The signed-in person's forms, made once per gate opening and once for the controls. */
function decisions(id) {
  const person = signedIn();
  const controls = person ? controlForm(id) : null;
  let opening = null;
  let form = null;
  return {
    gate(gate) {
      const mayDecide = person !== null && gate.approvers.includes(person.principal);
      const key = `${gate.name} ${gate.openedAt}`;
      if (mayDecide && key !== opening) [opening, form] = [key, gateForm(id, gate, person)];
      return { readOnly: isReadOnly(), person, form: mayDecide ? form : null };
    },
    controls(status) {
      if (!controls || status.outcome !== 'running') return null;
      controls.update(status);
      return controls.section;
    },
  };
}

function withStatus(status, history, decide) {
  const step = status.step ? `, step ${status.step.index}/${status.step.total}` : '';
  return [
    h('p', { class: 'headline' },
      h('span', { class: stateClass(status.outcome, status.execution.status) }, status.outcome === 'running' ? `${status.phase}${step}` : status.outcome),
      ` · runbook ${status.runbook} · started ${clock(status.startedAt)} by ${status.startedBy}${status.endedAt ? ` · ended ${clock(status.endedAt)}` : ''}`),
    status.description ? h('p', { class: 'description' }, status.description) : null,
    status.rollback ? h('section', { class: 'panel alarm', role: 'alert', 'aria-labelledby': 'rollback-title' },
      h('h2', { id: 'rollback-title' }, 'Rollback'), h('p', {}, status.rollback.reason),
      facts([['started', clock(status.rollback.startedAt)], ['DNS read back 100% blue', status.rollback.verifiedAt ? clock(status.rollback.verifiedAt) : 'not yet']])) : null,
    status.outcome !== 'running' && status.reason && !status.rollback ? h('p', { class: 'reason' }, status.reason) : null,
    status.drift ? h('section', { class: 'panel alarm', role: 'alert', 'aria-labelledby': 'drift-title' },
      h('h2', { id: 'drift-title' }, 'DNS changed by someone else'), h('p', {}, `${driftText(status.drift)} (read at ${clock(status.drift.readAt)})`),
      status.outcome === 'running' ? h('p', { class: 'hint' }, 'No DNS write until someone resumes (the cutover carries on from the weights read) or aborts (rolls back to 100% blue).') : null) : null,
    status.paused ? h('p', { class: 'problem' }, `Paused by ${status.paused.by} since ${clock(status.paused.since)}: ${status.paused.reason}`) : null,
    status.holding ? h('p', { class: 'problem' }, `Holding at this weight before ${status.holding.before} since ${clock(status.holding.since)}: ${status.holding.reason}`) : null,
    status.openGate ? gatePanel(status.cutover, status.openGate, status.lag?.rpoSeconds ?? null, decide.gate(status.openGate)) : null,
    decide.controls(status),
    h('div', { class: 'grid' }, traffic(status), data(status)),
    metrics(status.metrics, history),
    timeline(status.timeline),
  ];
}

function traffic(status) {
  const writes = status.writes;
  const frozen = writes ? [writes.blueFrozen ? 'blue' : null, writes.greenFrozen ? 'green' : null].filter(Boolean) : [];
  return h('section', { class: 'panel', 'aria-labelledby': 'traffic-title' }, h('h2', { id: 'traffic-title' }, 'Traffic and writes'),
    status.weights ? weightBar(status.weights) : h('p', {}, 'DNS not changed yet: 100% blue'),
    facts([
      ['DNS reads', status.weightsRead ? `blue ${status.weightsRead.weights.blue}% / green ${status.weightsRead.weights.green}% at ${clock(status.weightsRead.at)}` : null],
      ['writes go to', writes ? writes.writer : null],
      ['frozen', writes ? (frozen.length ? frozen.join(', ') : 'nothing') : null],
      ['write mode', writes ? (writes.mode === 'switch' ? 'write switch' : 'frozen window') : null],
    ]));
}

function data(status) {
  const lag = status.lag;
  const queues = status.queues;
  return h('section', { class: 'panel', 'aria-labelledby': 'data-title' }, h('h2', { id: 'data-title' }, 'Replication and queues'),
    facts([
      ['lag', lag ? `${lag.seconds === null ? 'no reading' : `${number(lag.seconds)}s`} against the RPO of ${duration(lag.rpoSeconds * 1000)}` : 'not read yet'],
      ['within the RPO', lag ? (lag.withinRpoAt ? `since ${clock(lag.withinRpoAt)}` : 'not yet') : null],
      ...(queues ? Object.entries(queues.depths).map(([name, depth]) => [`queue ${name}`, `${depth} messages`]) : []),
      ['drained', queues ? (queues.drainedAt ? clock(queues.drainedAt) : 'not yet') : null],
    ]));
}

function metrics(all, history) {
  const names = Object.keys(all);
  if (names.length === 0) return null;
  return h('section', { class: 'panel', 'aria-labelledby': 'metrics-title' }, h('h2', { id: 'metrics-title' }, 'Metrics'),
    h('table', { class: 'metrics' },
      h('thead', {}, h('tr', {}, ['Metric', 'Latest', 'Threshold', 'Verdict', 'Recent samples'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, names.map((name) => {
        const metric = all[name];
        return h('tr', {},
          h('th', { scope: 'row' }, name),
          h('td', { 'data-label': 'Latest' }, number(metric.value)),
          h('td', { 'data-label': 'Threshold' }, metric.threshold),
          h('td', { 'data-label': 'Verdict' }, h('span', { class: `verdict ${metric.verdict}` }, metric.verdict)),
          h('td', { 'data-label': 'Recent samples' }, sparkline(name, history.get(name) ?? [], metric.limit)));
      }))));
}

function timeline(entries) {
  return h('section', { class: 'panel', 'aria-labelledby': 'timeline-title' }, h('h2', { id: 'timeline-title' }, 'Timeline'),
    h('ol', { class: 'timeline' }, entries.map((entry) => h('li', { class: `kind-${entry.kind}`, value: entry.seq },
      h('time', { datetime: entry.at }, clock(entry.at)), ' ',
      h('span', { class: 'tag' }, `${entry.phase} · ${entry.kind}`), ' ',
      h('span', { class: 'message' }, entry.message),
      entry.by ? h('span', { class: 'by' }, ` — ${entry.by}`) : null))));
}
