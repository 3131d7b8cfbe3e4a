// Building the page from data: every text from a cutover goes in as a text node, never as markup,
// and with control, bidi and invisible characters written out ("\u202e") as the CLI writes them.
import { UNSAFE } from './unsafe-characters.js';

const SVG = 'http://www.w3.org/2000/svg';

/** `text` with every unsafe character shown as an escape, so it reads as what it is. */
export function visible(text) {
  return String(text).replace(UNSAFE, (char) => {
    const code = char.codePointAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function fill(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(visible(child)));
  }
  return element;
}

/** h('p', { class: 'x' }, 'text', otherNode): an element whose string children are text. */
export function h(tag, attributes, ...children) {
  return fill(document.createElement(tag), attributes, children);
}

export function s(tag, attributes, ...children) {
  return fill(document.createElementNS(SVG, tag), attributes, children);
}

/** Replaces what `parent` shows. */
export function show(parent, ...children) {
  parent.replaceChildren();
  fill(parent, {}, children);
}

/** Says `text` to screen readers through the page's live region. */
export function announce(text) {
  document.getElementById('announce').textContent = visible(text);
}

/** A definition list of label/value rows, leaving out rows whose value is null. */
export function facts(rows) {
  return h('dl', { class: 'facts' }, rows.filter(([, value]) => value !== null && value !== undefined).map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}
