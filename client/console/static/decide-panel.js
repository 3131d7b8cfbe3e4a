// What a signed-in person can do from the cutover page: decide the open gate (when their principal is
// among its approvers) and pause, resume or abort. Each form is made once and kept while the page
// re-renders around it, so what the person types survives the live updates. Whatever the cutover
// answers, accepted or refused, is shown in its own words, as text.
import { h, show } from './dom.js';
import { problem } from './problem.js';
import { post } from './session.js';

function answerArea() {
  return h('div', { class: 'answer', role: 'status', 'aria-live': 'polite' });
}

async function send(area, buttons, path, body) {
  for (const button of buttons) button.disabled = true;
  show(area, h('p', {}, 'Sending…'));
  const { ok, value } = await post(path, body);
  for (const button of buttons) button.disabled = false;
  if (ok) show(area, h('p', { class: 'accepted' }, value.receipt.message), h('p', { class: 'hint' }, value.note));
  else show(area, problem(value));
  return ok;
}

/** Approve or reject `gate` as it was shown (its view digest goes with the decision). */
export function gateForm(cutoverId, gate, person) {
  const base = `/api/cutovers/${encodeURIComponent(cutoverId)}`;
  const note = h('input', { id: 'decision-note', name: 'note', type: 'text', autocomplete: 'off', maxlength: '500' });
  const approve = h('button', { type: 'submit', value: 'approve', class: 'approve' }, 'Approve');
  const reject = h('button', { type: 'submit', value: 'reject', class: 'reject' }, 'Reject');
  const area = answerArea();
  const form = h('form', { class: 'decide', 'aria-label': `Decide gate ${gate.name}` },
    h('p', {}, `You decide as ${person.principal}; the console signs for you.`),
    h('label', { for: 'decision-note' }, 'Comment (approve) or reason (reject, required)'),
    note,
    h('div', { class: 'buttons' }, approve, reject),
    area);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const kind = event.submitter?.value === 'reject' ? 'reject' : 'approve';
    const text = note.value.trim();
    const body = { gate: gate.name, ...(gate.shown ? { shown: gate.shown } : {}), ...(kind === 'approve' ? (text ? { comment: text } : {}) : { reason: text }) };
    await send(area, [approve, reject], `${base}/${kind}`, body);
  });
  return form;
}

/** Pause or resume (whichever applies) and abort; `update(status)` shows the right one. */
export function controlForm(cutoverId) {
  const base = `/api/cutovers/${encodeURIComponent(cutoverId)}`;
  const reason = h('input', { id: 'control-reason', name: 'reason', type: 'text', autocomplete: 'off', maxlength: '500' });
  const pause = h('button', { type: 'submit', value: 'pause' }, 'Pause');
  const resume = h('button', { type: 'submit', value: 'resume' }, 'Resume');
  const abort = h('button', { type: 'submit', value: 'abort', class: 'reject' }, 'Abort');
  const area = answerArea();
  const form = h('form', { class: 'decide' },
    h('label', { for: 'control-reason' }, 'Reason (required to abort)'),
    reason,
    h('div', { class: 'buttons' }, pause, resume, abort),
    area);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const kind = event.submitter?.value ?? 'pause';
    const text = reason.value.trim();
    await send(area, [pause, resume, abort], `${base}/${kind}`, text ? { reason: text } : {});
  });
  const section = h('section', { class: 'panel controls', 'aria-labelledby': 'controls-title' }, h('h2', { id: 'controls-title' }, 'Pause, resume or abort'), form);
  return {
    section,
    update(status) {
      pause.hidden = Boolean(status.paused);
      resume.hidden = !status.paused;
    },
  };
}
