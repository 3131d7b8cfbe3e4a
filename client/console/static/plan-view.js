// Plan a runbook: paste its YAML, see every step with its timing or every problem with its field
// path and line. The server validates and plans exactly as `cutover plan` does; nothing is started.
import { facts, h, show } from './dom.js';
import { duration } from './format.js';
import { problem } from './problem.js';
import { csrfHeaders } from './session.js';

export function planView(main) {
  document.title = 'Plan a runbook · Cutover console';
  const text = h('textarea', { id: 'runbook', name: 'runbook', rows: 16, spellcheck: 'false', autocomplete: 'off', 'aria-describedby': 'runbook-help' });
  const file = h('input', { id: 'runbook-file', type: 'file', accept: '.yaml,.yml,text/yaml' });
  const result = h('div', { id: 'plan-result', tabindex: '-1' });
  const form = h('form', { class: 'plan-form' },
    h('label', { for: 'runbook' }, 'Runbook (YAML)'),
    h('p', { id: 'runbook-help', class: 'hint' }, 'Paste a runbook or choose its file. Planning validates it and touches nothing.'),
    text,
    h('label', { for: 'runbook-file' }, 'or choose a file'), file,
    h('button', { type: 'submit' }, 'Plan'));
  show(main, h('h1', {}, 'Plan a runbook'), form, result);
  file.addEventListener('change', async () => {
    if (file.files?.[0]) text.value = await file.files[0].text();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.setAttribute('aria-busy', 'true');
    const answer = await fetch('/api/plan', { method: 'POST', headers: { 'content-type': 'application/yaml', ...csrfHeaders() }, body: text.value });
    const body = await answer.json();
    result.setAttribute('aria-busy', 'false');
    if (body.plan) show(result, plan(body.plan));
    else if (body.problems) show(result, problems(body.problems));
    else show(result, problem(body));
    result.focus();
  });
}

function problems(found) {
  return h('section', { class: 'panel alarm', 'aria-labelledby': 'problems-title' },
    h('h2', { id: 'problems-title' }, `The runbook is not valid (${found.length} ${found.length === 1 ? 'problem' : 'problems'})`),
    h('ul', { class: 'problems' }, found.map((item) => h('li', {},
      item.line === undefined ? null : h('span', { class: 'line' }, `line ${item.line} `),
      item.path ? h('code', { class: 'path' }, item.path) : null,
      item.path ? ': ' : null, item.message))));
}

function plan(found) {
  return h('section', { class: 'panel', 'aria-labelledby': 'plan-title' },
    h('h2', { id: 'plan-title' }, `Plan of ${found.name}`),
    found.description ? h('p', { class: 'description' }, found.description) : null,
    found.warnings.length ? h('ul', { class: 'problem' }, found.warnings.map((warning) => h('li', {}, warning))) : null,
    h('ol', { class: 'plan-steps' }, found.steps.map((step) => h('li', {},
      h('strong', {}, step.phase), step.weights ? ` (blue ${step.weights.blue}% / green ${step.weights.green}%)` : '',
      step.minMs ? ` — at least ${duration(step.minMs)}` : '',
      h('ul', {}, step.what.map((what) => h('li', {}, what)))))),
    facts([
      ['analysis', found.analysis.length ? list(found.analysis) : 'none'],
      ['moves up', found.movesUp ?? null],
      ['DNS reads', found.dnsReads ?? null],
      ['rollback', found.automaticRollback ? found.rollback : `no automatic rollback; ${found.rollback}`],
      ['writes', found.writes.length ? list(found.writes) : null],
      ['least total time', `${duration(found.minimum.totalMs)} plus ${found.minimum.gates} gate${found.minimum.gates === 1 ? '' : 's'}`],
      ['may run longer', found.limits.length ? list(found.limits) : null],
    ]));
}

function list(items) {
  return h('ul', { class: 'plain' }, items.map((item) => h('li', {}, item)));
}
