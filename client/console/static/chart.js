// A metric's recent samples as a small line, with its limit as a dashed line: enough to see a trend
// at a glance next to the number.
import { h, s } from './dom.js';
import { number } from './format.js';

const WIDTH = 120;
const HEIGHT = 32;
const PAD = 3;

/** `samples`: [{ at, value }], oldest first; `limit`: the threshold's value, or null. */
export function sparkline(name, samples, limit) {
  const values = samples.map((sample) => sample.value);
  const label = samples.length === 0
    ? `${name}: no samples yet`
    : `${name}: last ${samples.length} samples, from ${number(values[0])} to ${number(values[values.length - 1])}${limit === null ? '' : `, limit ${number(limit)}`}`;
  const svg = s('svg', { class: 'spark', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': label });
  if (samples.length === 0) return svg;
  const all = limit === null ? values : [...values, limit];
  const low = Math.min(...all);
  const high = Math.max(...all);
  const span = high - low;
  const x = (index) => (samples.length === 1 ? WIDTH / 2 : PAD + (index * (WIDTH - 2 * PAD)) / (samples.length - 1));
  // A steady value is drawn across the middle, not along the floor.
  const y = (value) => (span === 0 ? HEIGHT / 2 : HEIGHT - PAD - ((value - low) / span) * (HEIGHT - 2 * PAD));
  if (limit !== null) svg.append(s('line', { class: 'limit', x1: 0, x2: WIDTH, y1: y(limit), y2: y(limit) }));
  svg.append(s('polyline', { class: 'samples', points: values.map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(' ') }));
  const last = values.length - 1;
  svg.append(s('circle', { class: 'latest', cx: x(last), cy: y(values[last]), r: 2.5 }));
  return svg;
}

/** Blue and green as one bar, each part as wide as its share of traffic. */
export function weightBar(weights) {
  const bar = h('div', { class: 'weights', role: 'img', 'aria-label': `blue ${weights.blue}%, green ${weights.green}%` },
    h('span', { class: 'blue' }, `blue ${weights.blue}%`), h('span', { class: 'green' }, `green ${weights.green}%`));
  // Set through the CSSOM, which the content security policy allows (inline style attributes it does not).
  bar.children[0].style.flexGrow = String(weights.blue);
  bar.children[1].style.flexGrow = String(weights.green);
  // A side with no traffic takes no room: its padding alone would show a sliver of it.
  bar.children[0].hidden = weights.blue === 0;
  bar.children[1].hidden = weights.green === 0;
  return bar;
}
