// The open gate: what a decision there would approve (the run's state when the gate opened), who may
// decide it, and until when; then the decision form when the signed-in person is among its approvers.
import { facts, h } from './dom.js';
import { clock, duration, number } from './format.js';
import { weightBar } from './chart.js';

/** `decide`: { readOnly, person, form } (form: the decision form, or null when this person may not decide here). */
export function gatePanel(cutoverId, gate, rpoSeconds, decide) {
  const context = gate.context;
  const required = gate.required ?? 1;
  const given = gate.approvals ?? [];
  return h('section', { class: 'panel gate', 'aria-labelledby': 'gate-title' },
    h('h2', { id: 'gate-title' }, `Gate “${gate.name}” is open`),
    facts([
      ['may decide', gate.approvers.join(', ')],
      ['rule', gate.twoPersonRule ? 'two-person: whoever started the cutover may not decide' : null],
      ['approvals', required > 1 ? `${given.length} of ${required}${given.length ? ` (${given.map((approval) => approval.principal).join(', ')})` : ''}` : null],
      ['open since', clock(gate.openedAt)],
      ['decide by', gate.clockStoppedAt ? `clock stopped by a pause since ${clock(gate.clockStoppedAt)}` : gate.deadline ? clock(gate.deadline) : 'no deadline'],
    ]),
    h('h3', {}, 'What an approval here approves'),
    context.weights ? weightBar(context.weights) : h('p', {}, 'no traffic on green yet'),
    facts([
      ['step', context.step ? `${context.step.index}/${context.step.total} at ${context.step.weight}% green` : 'before the canary'],
      ['lag', `${context.lagSeconds === null ? 'not read yet' : `${number(context.lagSeconds)}s`}${rpoSeconds === null ? '' : ` against the RPO of ${duration(rpoSeconds * 1000)}`}`],
    ]),
    Object.keys(context.metrics).length === 0 ? null : h('table', { class: 'metrics-at-gate' },
      h('caption', {}, 'Metrics when the gate opened'),
      h('thead', {}, h('tr', {}, ['Metric', 'Value', 'Verdict'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, Object.entries(context.metrics).map(([name, metric]) => h('tr', {},
        h('th', { scope: 'row' }, name), h('td', {}, number(metric.value)), h('td', {}, h('span', { class: `verdict ${metric.verdict}` }, metric.verdict)),
      ))),
    ),
    decide.form ?? decideNote(cutoverId, gate, decide),
  );
}

function decideNote(cutoverId, gate, decide) {
  if (decide.person) return h('p', { class: 'decide-note' }, `You are signed in as ${decide.person.principal}, who is not among this gate's approvers.`);
  if (!decide.readOnly) return h('p', { class: 'decide-note' }, h('a', { href: `/auth/login?return=${encodeURIComponent(window.location.pathname)}` }, 'Sign in'), ' to decide this gate.');
  return h('p', { class: 'decide-note' }, 'Deciding here needs sign-in, which is not configured. From a terminal: ',
    h('code', {}, `cutover approve ${cutoverId} --gate ${gate.name}`), ' or ', h('code', {}, `cutover reject ${cutoverId} --gate ${gate.name} --reason "…"`));
}
